import { InvalidInputError } from '../common/domain-errors';
import { assertStrongPassword, MIN_PASSWORD_SCORE, passwordStrength, passwordUserInputs } from './password-strength';

describe('password strength', () => {
  const inputs = passwordUserInputs('sulastri.wahyuni@surel.example.org', 'Sulastri Wahyuni');

  it.each(['password123', 'Password1!', 'qwertyuiop', 'rahasia2024', 'Sulastri.Wahyuni1', 'Wahyuni-Sulastri-2024!'])(
    'scores %s below the minimum',
    (password) => {
      expect(passwordStrength(password, inputs).score).toBeLessThan(MIN_PASSWORD_SCORE);
    },
  );

  it('accepts a passphrase of unusual words', () => {
    expect(passwordStrength('kerbau-merah menari di Ciliwung', inputs).score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    expect(() => assertStrongPassword('kerbau-merah menari di Ciliwung', inputs)).not.toThrow();
  });

  it('refuses with a coded field error in id and en, with the advice', () => {
    let error: unknown;
    try {
      assertStrongPassword('password123', inputs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const [field] = (error as InvalidInputError).errors ?? [];
    expect(field).toMatchObject({ field: 'password', code: 'password_too_weak' });
    expect(field.messages?.en).toMatch(/^is too easy to guess\. This is a commonly used password\./);
    expect(field.messages?.id).toMatch(/^terlalu mudah ditebak\. Ini kata sandi yang umum dipakai\./);
  });
});
