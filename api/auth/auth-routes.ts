/** Sign in and out. Browsers get an httpOnly SameSite cookie plus a CSRF token; machine clients a bearer token. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Clock } from '../../engine/clock/clock.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { checkPassword } from './passwords.ts';
import { currentUser } from './policies.ts';
import { AttemptWindows } from '../http/attempt-windows.ts';
import { signInLimits } from './sign-in-limits.ts';
import type { UserStore } from './user-store.ts';

export const LoginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** 'bearer' for machine clients: the token comes back in the body, no cookie is set. */
  client: z.enum(['browser', 'bearer']).default('browser'),
});

export function authRoutes(users: UserStore, clock: Clock, options: { pool: Pool; loginLimit?: number; secureCookies?: boolean }): Router {
  const router = Router();
  const limits = signInLimits(new AttemptWindows(options.pool, clock), options.loginLimit ?? 10);

  // Validated first: a malformed body is no password guess (it never reaches the hash check),
  // and bad input changes nothing, the attempt counters included.
  router.post('/api/auth/login', validate({ body: LoginSchema }), limits.check, async (req, res) => {
    const { username, password, client } = req.valid.body as z.infer<typeof LoginSchema>;
    const found = await users.byUsername(username);
    if (!(await checkPassword(found?.passwordHash, password)) || !found) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    // Before answering, so the counters are settled when the client hears back.
    await limits.succeeded(req);
    const session = await users.openSession(found.user.id, client === 'bearer' ? 'bearer' : 'cookie', clock.now());
    if (client === 'bearer') return res.json({ user: found.user, token: session.token, expiresAt: session.expiresAt });
    // Max-Age, not Expires: the browser counts it from its own clock, so a server whose clock
    // differs from the browser's (a skewed host, a test's manual clock) still hands out a live cookie.
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'strict', secure: options.secureCookies ?? false, path: '/',
      maxAge: Math.max(0, session.expiresAt.getTime() - clock.now().getTime()),
    });
    res.json({ user: found.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  router.post('/api/auth/logout', async (req, res) => {
    const raw = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.cookies?.[SESSION_COOKIE];
    if (req.user && raw) await users.closeSession(raw);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/auth/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });
  return router;
}
