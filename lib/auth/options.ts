import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "@/lib/rate-limit";
import { findUserByEmail } from "@/lib/users";

const credentials = z.object({ email: z.string().trim().email(), password: z.string().min(1).max(500) });

/** Messages the sign-in form shows as they are. */
export const signInErrors = {
  invalid: "Wrong e-mail or password.",
  disabled: "This account is disabled. Ask an administrator to enable it.",
  throttled: (seconds: number) =>
    `Too many failed attempts from your address. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
};

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "local";
}

/** Built on demand: the secret must not be read at build time, when a deployment's env may be absent. */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(input, req) {
          const db = getDb();
          const address = clientAddress(req?.headers);
          const wait = await signInBlockedFor(db, address);
          if (wait > 0) throw new Error(signInErrors.throttled(wait));
          const parsed = credentials.safeParse(input);
          const user = parsed.success ? await findUserByEmail(db, parsed.data.email) : null;
          const ok = await verifyPassword(user?.passwordHash, parsed.success ? parsed.data.password : "");
          if (!user || !ok) {
            await recordSignInFailure(db, address);
            throw new Error(signInErrors.invalid);
          }
          if (user.role === "disabled") throw new Error(signInErrors.disabled);
          await clearSignInFailures(db, address);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}
