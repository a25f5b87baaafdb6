import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { passwordProblem, passwordProblemCode } from './password.ts';

/**
 * How hard a password is to guess, with zxcvbn-ts (Dropbox's estimator, maintained as
 * zxcvbn-ts): it matches a password against tens of thousands of the most common and breached
 * passwords, English words, names and keyboard patterns, with the variations people use
 * ("Password123!", "p4ssw0rd", "qwertyuiop1"), and estimates the guesses an attacker needs.
 * Its own module (imported as `@loopmap/shared/password-strength`) because its lists weigh about
 * 1 MB: the server loads it once, browsers only on the pages that set a password.
 *
 * The meter's words, and what they mean:
 * - "Too easy to guess" (score 0-2, under 10^8 guesses): refused. Common and breached passwords
 *   and their usual variations land here, as do a name or a word with digits.
 * - "Good" (score 3, 10^8 to 10^10 guesses): accepted. Safe against guessing online (sign-in is
 *   throttled) and hard offline against argon2id.
 * - "Strong" (score 4, over 10^10 guesses): accepted. A few unrelated words get here.
 */
export type PasswordVerdict = 'empty' | 'too-weak' | 'good' | 'strong';

export interface PasswordStrength {
  verdict: PasswordVerdict;
  /** zxcvbn's score, 0 (trivial) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is refused (lowercase, no full stop), or null when it is accepted. */
  problem: string | null;
  /** A hint to do better, when there is one. */
  suggestion: string | null;
  /**
   * `problem` and `suggestion` as codes, for the interface to word in the reader's language:
   * 'empty', a quick rule's code (PasswordProblemCode), zxcvbn's warning code or 'easyToGuess';
   * zxcvbn's suggestion code.
   */
  problemCode: string | null;
  suggestionCode: string | null;
}

/** Why zxcvbn finds a password easy to guess (its warning codes), in our words. */
const WARNINGS: Record<string, string> = {
  straightRow: 'it follows a row of keys',
  keyPattern: 'it follows a pattern of keys',
  simpleRepeat: 'it repeats a character',
  extendedRepeat: 'it repeats a pattern',
  sequences: 'it is a run of characters like “abc” or “123”',
  recentYears: 'recent years are easy to guess',
  dates: 'dates are easy to guess',
  topTen: 'this is a commonly used password',
  topHundred: 'this is a commonly used password',
  common: 'this is a commonly used password',
  similarToCommon: 'this is a common password with small changes',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names are easy to guess',
  commonNames: 'names are easy to guess',
  userInputs: 'do not build it from your name, your email or “Loopmap”',
  pwned: 'this password has appeared in a data breach',
};

/** What would help (zxcvbn's suggestion codes), in our words; the first known one is shown. */
const SUGGESTIONS: Record<string, string> = {
  anotherWord: 'Add more uncommon words.',
  useWords: 'Add more uncommon words.',
  repeated: 'Avoid repeats.',
  sequences: 'Avoid runs like “abc” or “123”.',
  dates: 'Avoid dates and years.',
  recentYears: 'Avoid dates and years.',
  associatedYears: 'Avoid dates and years.',
  l33t: 'Swapping letters for look-alike symbols adds little.',
  capitalization: 'Capitals add little: add a word instead.',
  allUppercase: 'Capitals add little: add a word instead.',
  reverseWords: 'Spelling a word backwards adds little.',
};

/** Passwords must reach this score. */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: commonDictionary,
    graphs: adjacencyGraphs,
  });
  return factory;
}

/** The whole check the server applies: length and personal words (passwordProblem), then guessability. */
export function passwordStrength(password: string, context: { email?: string; name?: string } = {}): PasswordStrength {
  if (password.length === 0)
    return {
      verdict: 'empty',
      score: 0,
      problem: 'enter a password',
      suggestion: null,
      problemCode: 'empty',
      suggestionCode: null,
    };
  const basic = passwordProblem(password, context);
  if (basic)
    return {
      verdict: 'too-weak',
      score: 0,
      problem: basic,
      suggestion: null,
      problemCode: passwordProblemCode(password, context),
      suggestionCode: null,
    };
  // The person's own words (email, name) and the product's name count as known to an attacker.
  const names = context.name?.trim().split(/\s+/) ?? [];
  const personal = [
    context.email ?? '',
    ...(context.email?.split(/[@._+-]/) ?? []),
    ...names,
    names.join(''),
    'loopmap',
  ];
  const result: ZxcvbnResult = estimator().check(
    password,
    personal.filter((word) => word.length >= 3),
  );
  const suggestionCode = result.feedback.suggestions.find((code) => SUGGESTIONS[code]) ?? null;
  const suggestion = suggestionCode ? SUGGESTIONS[suggestionCode]! : null;
  if (result.score < MIN_PASSWORD_SCORE) {
    const warning = result.feedback.warning;
    const known = warning && WARNINGS[warning] ? warning : null;
    return {
      verdict: 'too-weak',
      score: result.score,
      problem: known ? WARNINGS[known]! : 'it is too easy to guess',
      suggestion,
      problemCode: known ?? 'easyToGuess',
      suggestionCode,
    };
  }
  return {
    verdict: result.score === 4 ? 'strong' : 'good',
    score: result.score,
    problem: null,
    suggestion,
    problemCode: null,
    suggestionCode,
  };
}
