import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files it loads from its own package folder; argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  // Exports read their fonts and emoji from node_modules at run time (lib/export/pdf-fonts.ts); serverless
  // bundles must carry those files, and the migrations for `npm run db:migrate` on the server.
  outputFileTracingIncludes: {
    "/api/export/**": [
      "./node_modules/@embedpdf/fonts-*/fonts/**",
      "./node_modules/@fontsource/noto-sans-thai/files/noto-sans-thai-thai-*-normal.woff",
      "./node_modules/@discordapp/twemoji/dist/svg/**",
    ],
  },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
