import type { Store } from '../content/store.js';
import { readSettings, type RefusedSetting } from '../operations/read-settings.js';
import { createSiteContext, type SiteContext } from './site-context.js';
import { urls } from '../render/urls.js';
import { buildChrome } from './templates/layout.js';
import type { ChangeBus, ChangeSignal } from '../change-bus/change-bus.js';

const NAVIGATION_SECTIONS = 6;

/**
 * Holds the site context in memory. It is read at start and rebuilt when
 * settings or sections change, so no page request reads settings from the
 * database: the newsroom calls reload() (this process answers at once), and
 * followChanges() hears changes committed by any process — the `masthead
 * settings` command, another worker or machine — within a second. A slow
 * poll (refreshEvery) stays as a safety net for a lost signal.
 */
export class SiteState {
  private context: SiteContext | undefined;
  /** Stored settings already reported as refused, so a bad value is logged once, not on every refresh. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly input: {
      store: Store;
      siteUrl: string;
      /** What media paths are put after in URLs (media-urls.ts mediaBaseOf): MEDIA_PUBLIC_URL's address or /media/. */
      mediaBase?: string;
      onRefusedSetting?: (refused: RefusedSetting) => void;
    },
  ) {}

  async reload(): Promise<SiteContext> {
    const settings = await readSettings(this.input.store, (refused) => {
      const key = `${refused.key}\u0000${JSON.stringify(refused.issues)}`;
      if (this.reported.has(key)) return;
      this.reported.add(key);
      this.input.onRefusedSetting?.(refused);
    });
    // A menu the newsroom set replaces the automatic one: the sections with the newest stories.
    const isMenuSet = settings.navigation.length > 0;
    const [logo, sections] = await Promise.all([
      settings.logoMediaId ? this.input.store.media.findById(settings.logoMediaId) : Promise.resolve(undefined),
      isMenuSet ? Promise.resolve([]) : this.input.store.categories.listInUse(NAVIGATION_SECTIONS),
    ]);
    const context = createSiteContext({
      settings,
      siteUrl: this.input.siteUrl,
      mediaBase: this.input.mediaBase,
      logo: logo ?? null,
      navigation: isMenuSet
        ? settings.navigation.map((item) => ({ label: item.label, href: item.url }))
        : sections.map((c) => ({ label: c.name, href: urls.category(c.slug) })),
    });
    this.context = { ...context, chrome: buildChrome(context, new Date().getUTCFullYear()) };
    // A reload that finds what it had (a post change with the automatic menu unmoved) keeps the version, and so the cached pages.
    const fingerprint = JSON.stringify([settings, context.navigation, logo?.id, logo?.path, logo?.alt]);
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.versionNumber++;
    }
    return this.context;
  }

  private fingerprint = '';
  private versionNumber = 0;

  /**
   * Changes whenever what pages show of the site changes (settings, menu,
   * logo, the footer's year): the response cache serves only pages rendered
   * with the current version.
   */
  get version(): number {
    return this.versionNumber;
  }

  /** A reload running, and whether another was asked for meanwhile (it then runs once, after it). */
  private reloading: Promise<unknown> | undefined;
  private isReloadAgain = false;

  /** Reloads soon: signals that come together (a burst of changes) cost one reload, and one never overlaps another. */
  private reloadSoon(onError: (error: unknown) => void): void {
    if (this.reloading) {
      this.isReloadAgain = true;
      return;
    }
    this.reloading = this.reload()
      .catch(onError)
      .finally(() => {
        this.reloading = undefined;
        if (!this.isReloadAgain) return;
        this.isReloadAgain = false;
        this.reloadSoon(onError);
      });
  }

  /** Whether a change may alter what this holds: settings, the sections (terms; posts when the menu is automatic), the logo. */
  private isAffectedBy(signal: ChangeSignal): boolean {
    const settings = this.context?.settings;
    switch (signal.kind) {
      case 'settings':
      case 'term':
      case 'resync':
        return true;
      case 'media':
        return !signal.ids || (settings?.logoMediaId != null && signal.ids.includes(settings.logoMediaId));
      case 'post':
        // The automatic menu lists the sections with the newest stories: a publication may reorder it.
        return settings === undefined || settings.navigation.length === 0;
      default:
        return false;
    }
  }

  /** Reloads on every change (from any process) that may alter the site context; returns a function that stops it. */
  followChanges(bus: Pick<ChangeBus, 'subscribe'>, onError: (error: unknown) => void): () => void {
    return bus.subscribe((signal) => {
      if (this.isAffectedBy(signal)) this.reloadSoon(onError);
    });
  }

  /** Reloads every `ms` in the background until the returned function is called; a failed reload keeps the last context. */
  refreshEvery(ms: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => this.reload().catch(onError), ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Whether the settings have been read once (/readyz waits for it). */
  get isLoaded(): boolean {
    return this.context !== undefined;
  }

  get current(): SiteContext {
    const context = this.context;
    if (!context) throw new Error('SiteState.reload() must run before the first request');
    // The footer's copyright year turns over without a restart.
    const year = new Date().getUTCFullYear();
    if (context.chrome.year !== year) {
      this.context = { ...context, chrome: buildChrome(context, year) };
      this.versionNumber++;
    }
    return this.context!;
  }
}
