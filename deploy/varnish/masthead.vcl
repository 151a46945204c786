#
# Varnish 7 in front of Masthead, with the xkey module (Debian: varnish-modules).
#
# Masthead names the cache tags of each public response in an `xkey` header
# (`xkey: post-12 list-home site`) and says how long a shared cache may keep
# it (`Cache-Control: public, max-age=60, s-maxage=N,
# stale-while-revalidate=60, stale-if-error=86400`). On a change it sends
# every server in VARNISH_PURGE_URLS a request
#
#     PURGE / HTTP/1.1
#     xkey-purge: post-12 list-home
#
# and this file drops every object indexed under any of those keys.
#
# Check it with: varnishd -C -f "$PWD/deploy/varnish/masthead.vcl"
# (an absolute path: varnishd looks for a relative one in its vcl_path).
#
vcl 4.1;

import std;
import xkey;

# The Masthead server. With several, declare one backend each and spread
# requests with the directors module (round_robin) in vcl_init.
# test/helpers/varnish.ts rewrites the .host and .port lines below.
backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .first_byte_timeout = 60s;
    # A failing /healthz (the store is down) marks the backend sick, and a
    # sick backend's stale pages are served for as long as stale-if-error allows.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        # Healthy from the start: otherwise nothing is fetched until the first probes pass.
        .initial = 3;
    }
}

# Who may purge: the Masthead servers. Add each app server's address (or its
# network, "10.0.0.0"/24) here; everyone else gets 403.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in an xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    # BAN and methods HTTP does not define are not Masthead's: refuse them here.
    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405, "Method not allowed"));
    }
    unset req.http.xkey-purge;

    # Only reads are cached; a form post, a newsroom save and the like go straight through.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, its API, preview links and the health checks answer per
    # person or per moment: never kept, never shared.
    if (req.url ~ "^/(admin|api|preview|healthz|readyz)(/|\?|$)") {
        return (pass);
    }
    # A signed-in request (the WordPress REST API with an application
    # password, for one) may see drafts.
    if (req.http.Authorization) {
        return (pass);
    }
    # A newsroom session (masthead_session) or a password-protected post's pass
    # (masthead_postpass_<id>) makes the page this reader's own.
    if (req.http.Cookie ~ "(^|;\s*)(masthead_session|masthead_postpass_[0-9]+)=") {
        return (pass);
    }
    # Any other cookie (analytics and the like) would make each reader's copy
    # different to Varnish while Masthead ignores it: drop it, so all share one.
    unset req.http.Cookie;

    # Stale copies while the backend is healthy: only for stale-while-revalidate
    # (Masthead sends 60 s), served while a fresh one is fetched. When it is sick,
    # the object's whole grace (stale-if-error, set below) applies.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Masthead says what may be kept; a response that does not say is not kept
    # (Varnish would otherwise keep it for default_ttl), but remembered as
    # such for two minutes, as Varnish's own rules do, so that requests for it
    # go to the backend at once instead of waiting for one another.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish takes the TTL from s-maxage and the grace from
    # stale-while-revalidate itself; stale-if-error it ignores, so the grace is
    # stretched to it here (vcl_recv decides how much of it a request may use).
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+" &&
        std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s) > beresp.grace) {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    }
    # Then Varnish's own rules: a Set-Cookie, private or no-store is never kept.
}

sub vcl_deliver {
    # The cache tags are for caches, not readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
