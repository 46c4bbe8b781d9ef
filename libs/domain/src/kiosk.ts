/**
 * A kiosk paired to its office: it issues tickets as that office's device, with the token
 * it was given once at pairing in this header. Without one, a request is anonymous (a phone
 * or a web page): limited per address, or refused where the office has turned that off.
 */
export const KIOSK_TOKEN_HEADER = 'x-kiosk-token';

export interface KioskDeviceView {
  id: string;
  officeId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to pairing: the only time the token is shown. */
export interface PairedKioskView extends KioskDeviceView {
  token: string;
}

/** An office's kiosks and whether it takes tickets from anonymous clients. */
export interface KioskSettingsView {
  officeId: string;
  anonymousIssue: boolean;
  kiosks: KioskDeviceView[];
}
