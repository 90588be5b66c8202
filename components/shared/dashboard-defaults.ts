// A widget inside a <pulso-dashboard> takes the dashboard's range, period, locale,
// theme and zone wherever it has no attribute of its own (DESIGN.md §3.5), and
// gets its own values back when the dashboard unsets them.
import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { pulsoDashboardContext } from './context.js';
import type { DashboardContext, DashboardDefaults } from './context.js';

/** Each default and the attribute that, present on the widget, overrides it. */
const ATTRIBUTES: Readonly<Record<keyof DashboardDefaults, string>> = {
  from: 'from',
  to: 'to',
  period: 'period',
  locale: 'locale',
  theme: 'theme',
  timeZone: 'time-zone',
};

type Host = ReactiveControllerHost & HTMLElement;

export class DashboardDefaultsConsumer {
  private readonly host: Host;
  private readonly consumer: ContextConsumer<typeof pulsoDashboardContext, Host>;
  /** The values properties had before the dashboard set them. */
  private readonly own = new Map<string, unknown>();

  constructor(host: Host) {
    this.host = host;
    this.consumer = new ContextConsumer(host, {
      context: pulsoDashboardContext,
      subscribe: true,
      callback: (value) => this.apply(value?.defaults ?? {}),
    });
  }

  /** The enclosing dashboard's context, if any. */
  get value(): DashboardContext | undefined {
    return this.consumer.value;
  }

  private apply(defaults: DashboardDefaults): void {
    const host = this.host as unknown as Record<string, unknown>;
    for (const [name, attribute] of Object.entries(ATTRIBUTES) as [keyof DashboardDefaults, string][]) {
      // An attribute the host page wrote wins; one reflected from the dashboard's own value does not.
      if (!(name in this.host) || (this.host.hasAttribute(attribute) && !this.own.has(name))) continue;
      const value = defaults[name];
      if (value !== undefined) {
        if (!this.own.has(name)) this.own.set(name, host[name]);
        if (host[name] !== value) host[name] = value;
      } else if (this.own.has(name)) {
        host[name] = this.own.get(name);
        this.own.delete(name);
      }
    }
  }
}
