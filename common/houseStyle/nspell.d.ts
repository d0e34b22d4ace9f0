// nspell ships no types: the part of its API the speller uses (https://github.com/wooorm/nspell).
declare module 'nspell' {
  interface NSpell {
    correct(word: string): boolean;
    suggest(word: string): string[];
    add(word: string, model?: string): NSpell;
    personal(dic: string): NSpell;
  }
  export default function nspell(aff: string, dic: string): NSpell;
}
