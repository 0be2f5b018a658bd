/** Whether a digit string passes the Luhn (mod 10) check used by every payment card number. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Whether a separator-free number could be a payment card: 13–19 digits, an issuer prefix in use
 * (3 Amex/JCB/Diners, 4 Visa, 5 Mastercard, 6 UnionPay/Discover, 2221–2720 Mastercard) and Luhn
 * valid. UnionPay cards failing Luhn are refused too: precision matters more than the rare card.
 */
export function isPlausibleBankCard(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  const prefix4 = Number(digits.slice(0, 4));
  const issuer = /^[3-6]/.test(digits) || (prefix4 >= 2221 && prefix4 <= 2720);
  return issuer && luhnValid(digits);
}
