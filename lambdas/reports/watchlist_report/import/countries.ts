/** Country names as sanctions lists write them → ISO 3166-1 alpha-3. */
import countries from 'i18n-iso-countries';

/** Names the lists use that i18n-iso-countries does not resolve. */
const ALIASES: Record<string, string> = {
  'korea, north': 'PRK', 'north korea': 'PRK', "democratic people's republic of korea": 'PRK',
  'korea, south': 'KOR', 'south korea': 'KOR', 'republic of korea': 'KOR',
  'iran (islamic republic of)': 'IRN', 'syrian arab republic': 'SYR', 'russian federation': 'RUS',
  'palestinian': 'PSE', 'palestine': 'PSE', 'west bank': 'PSE', 'gaza': 'PSE',
  'burma': 'MMR', 'congo, democratic republic of the': 'COD', 'democratic republic of the congo': 'COD',
  'bolivia (plurinational state of)': 'BOL', 'venezuela (bolivarian republic of)': 'VEN',
  'united kingdom of great britain and northern ireland': 'GBR', 'united kingdom': 'GBR',
  'united states of america': 'USA', 'turkey': 'TUR', 'türkiye': 'TUR', 'lao people\'s democratic republic': 'LAO',
  'viet nam': 'VNM', 'kosovo': 'XKX',
};

export function countryCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const clean = name.trim().replace(/\.$/, '');
  const alias = ALIASES[clean.toLowerCase()];
  if (alias) return alias;
  if (/^[A-Z]{3}$/.test(clean) && countries.isValid(clean)) return clean;
  return countries.getAlpha3Code(clean, 'en') ?? countries.getAlpha3Code(clean.replace(/\s*\(.*\)$/, ''), 'en') ?? undefined;
}
