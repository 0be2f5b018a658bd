import { isValidIdCard } from './id-card';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The key a phone number is stitched by: an 11-digit mainland mobile without its +86/0086/86
 * prefix, a landline's area code and number as digits (an extension is dropped: it tells a desk,
 * not a caller), or `+` and the digits of an international number. Null when it is not a phone.
 */
export function normalizePhone(value: string): string | null {
  const trimmed = value.trim();
  const landline = /^(\(?0\d{2,3}\)?[\s-]*\d{7,8})\s*(?:(?:-|转|ext\.?|x|#)\s*\d{1,6})?$/i.exec(trimmed);
  const number = landline?.[1] ?? trimmed;
  if (!/^\+?[\d\s().-]+$/.test(number)) return null;
  const digits = number.replace(/\D/g, '');
  if (number.startsWith('+') || digits.startsWith('00')) {
    const national = digits.replace(/^00/, '');
    if (/^861[3-9]\d{9}$/.test(national)) return national.slice(2);
    return national.length >= 8 && national.length <= 15 && /^[1-9]/.test(national) ? `+${national}` : null;
  }
  if (/^861[3-9]\d{9}$/.test(digits)) return digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^(?:010|02\d)[2-9]\d{7}$/.test(digits) || /^0[3-9]\d{2}[2-9]\d{6,7}$/.test(digits)) return digits;
  return null;
}

/** The key an e-mail address is stitched by: trimmed and lower-cased; null when not an address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

/** The key an ID card number is stitched by: spaces removed, `x` upper-cased; null when invalid. */
export function normalizeIdCard(value: string): string | null {
  const id = value.replace(/\s/g, '').toUpperCase();
  return isValidIdCard(id) ? id : null;
}
