/** What a lender changes to make the app its own; the backend serves it at /config from its environment. */
export interface AppConfig {
  brand: { name: string; colour: string; locale: string };
  /** The lender's Stripe publishable key (pk_...); the app loads Stripe.js with it to confirm payments. */
  stripePublishableKey: string | null;
}

export async function loadConfig(): Promise<AppConfig> {
  const config = (await (await fetch('/config')).json()) as AppConfig;
  document.documentElement.style.setProperty('--brand', config.brand.colour);
  document.title = config.brand.name;
  return config;
}
