import { describe, expect, it } from 'vitest';
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_SCORE, passwordStrength } from '../src/auth/passwordStrength.ts';

const person = { email: 'amina.diallo@example.org', name: 'Amina Diallo' };

describe('password strength: a real block-list and a guess estimate', () => {
  it('ships tens of thousands of common and breached passwords', () => {
    expect((dictionary as Record<string, string[]>)['passwords-common']!.length).toBeGreaterThan(40_000);
  });

  it('refuses common passwords of ten characters or more, and their usual variations', () => {
    for (const password of [
      'password12',
      'password123',
      'Password123!',
      'qwertyuiop1',
      'iloveyou2024',
      'sunflower2024',
      '1q2w3e4r5t',
    ]) {
      const strength = passwordStrength(password, person);
      expect(strength.verdict, password).toBe('too-weak');
      expect(strength.score, password).toBeLessThan(MIN_PASSWORD_SCORE);
      expect(strength.problem, password).toBeTruthy();
    }
    expect(passwordStrength('password12').problem).toBe('this is a commonly used password');
  });

  it('refuses the person’s own name or email, and the product’s name with digits', () => {
    expect(passwordStrength('aminadiallo2024', person).verdict).toBe('too-weak');
    expect(passwordStrength('loopmap2024!', person).verdict).toBe('too-weak');
    expect(passwordStrength('Loopmap2024', person).problem).toBe(
      'do not build it from your name, your email or “Loopmap”',
    );
    expect(passwordStrength('short', person).problem).toBe('use at least 10 characters');
  });

  it('accepts a few unrelated words: "Good" from 10^8 guesses, "Strong" from 10^10', () => {
    expect(passwordStrength('correct horse battery staple', person)).toMatchObject({
      verdict: 'strong',
      problem: null,
    });
    expect(passwordStrength('a river runs through it', person).verdict).toBe('strong');
    const good = passwordStrength('whatever it is', person);
    expect(good).toMatchObject({ verdict: 'good', score: 3, problem: null });
  });

  it('says nothing is entered for an empty password', () => {
    expect(passwordStrength('')).toMatchObject({ verdict: 'empty', problem: 'enter a password' });
  });
});
