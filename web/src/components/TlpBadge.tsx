/**
 * TLP 2.0 label in FIRST's colours (https://www.first.org/tlp/): RED #FF2B2B, AMBER #FFC000, GREEN #33FF00,
 * CLEAR #FFFFFF, each on a black background as the standard asks.
 */
const LABEL: Record<string, string> = {
  RED: 'TLP:RED',
  AMBER_STRICT: 'TLP:AMBER+STRICT',
  AMBER: 'TLP:AMBER',
  GREEN: 'TLP:GREEN',
  CLEAR: 'TLP:CLEAR',
};

export function TlpBadge({ tlp }: { tlp: string }) {
  return <span className={`tlp tlp-${tlp.toLowerCase().replace('_', '-')}`}>{LABEL[tlp] ?? tlp}</span>;
}
