import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request so that the secret is never read at build time.
async function handler(req: NextRequest, context: Context) {
  return NextAuth(req, { params: await context.params }, authOptions());
}

export { handler as GET, handler as POST };
