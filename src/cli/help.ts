export const HELP = `masthead — a publishing platform for online magazines and news sites

Usage: masthead <command> [flags]

Commands:
  serve                 Start the site (migrates the store first; seeds the demo
                        article into an empty store unless MASTHEAD_DEMO=0)
  migrate               Apply pending database migrations and exit
  demo --articles N     Add N synthetic articles (with pictures, tags, authors)
       [--seed S]       for trying the site at size and for benchmarks
  user create --email E --name N --role R
                        Create an account that can sign in at once (R is
                        contributor, author, editor or administrator); the
                        password is read from standard input, never a flag
  settings              Print the site's settings as JSON
  settings key=value…   Change settings, e.g. ampEnabled=false feedContent=excerpt
                        (running servers pick the change up within a second;
                        stored pages are rendered again by a job they run)
  jobs [--limit N]      List the newest background jobs (re-renders, picture
                        sizes) with their status, progress and errors
  jobs retry ID         Queue a failed job again from its last checkpoint
  jobs run              Run the queued jobs here until none is due (when no
                        server runs)
  import wordpress EXPORT.xml [--uploads DIR] [--report FILE] [--defer-sizes]
                        Bring a WordPress site over from its export (WXR):
                        posts, pages, authors, terms, pictures (files read
                        from DIR, a copy of wp-content/uploads), comments
                        and old links. Safe to run again: it updates what
                        changed. --report writes the full report as JSON;
                        --defer-sizes leaves the pictures' variants and
                        crops to the running servers
  media sync --to s3    Copy the media folder (DATA_DIR/media) into the bucket
                        MEDIA_STORAGE=s3 and S3_BUCKET name, with a progress
                        bar and a report; run again to resume (files already
                        there with the same size are skipped)
  help                  Show this text

Flags:
  -h, --help            Show this text
  -v, --version         Show the version

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL,
NODE_ENV, SITE_URL, MASTHEAD_DEMO, LOG_LEVEL, TRUST_PROXY, WORKERS, SMTP_URL,
MAIL_FROM, MEDIA_STORAGE, S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_FORCE_PATH_STYLE,
MEDIA_PUBLIC_URL, DATABASE_POOL_MAX, INSTANCE_NAME, SHUTDOWN_DRAIN_S, JOB_LEASE_S (see README.md).
`;
