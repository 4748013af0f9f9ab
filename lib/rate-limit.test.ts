import { describe, expect, it } from "vitest";
import { clearSignInFailures, hit, recordSignInFailure, signInBlockedFor } from "@/lib/rate-limit";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

describe("rate limits", () => {
  it("lets a window's allowance through and refuses the rest with a wait", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit(db(), "test:window", 3, 60));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    const refused = results[3];
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await hit(db(), "test:other-key", 3, 60)).ok).toBe(true);
  });

  it("slows sign-in down after five failures from one address, doubling the wait", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < 5; i++) await recordSignInFailure(db(), address);
    expect(await signInBlockedFor(db(), address)).toBe(0);
    await recordSignInFailure(db(), address);
    const first = await signInBlockedFor(db(), address);
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    await recordSignInFailure(db(), address);
    expect(await signInBlockedFor(db(), address)).toBeGreaterThan(55);
    expect(await signInBlockedFor(db(), "198.51.100.1")).toBe(0);
    await clearSignInFailures(db(), address);
    expect(await signInBlockedFor(db(), address)).toBe(0);
  });
});
