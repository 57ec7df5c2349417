// talisman ships no type declarations; these cover the three functions the screening uses.
declare module 'talisman/metrics/jaro-winkler' {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
declare module 'talisman/metrics/monge-elkan' {
  const mongeElkan: <T>(similarity: (a: T, b: T) => number, source: T[], target: T[]) => number;
  export default mongeElkan;
}
declare module 'talisman/phonetics/double-metaphone' {
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
