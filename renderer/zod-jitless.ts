// Imported first by main.tsx, before any schema is made. The window's Content-Security-Policy
// allows no eval: zod is told not to compile its checks into functions, which it would otherwise
// find out by trying `Function('')`, a refusal the policy reports.
import { z } from 'zod';

z.config({ jitless: true });
