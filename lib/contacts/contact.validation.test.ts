import { describe, expect, it } from "vitest";
import { contactSchema, emptyContactForm, parsePhone, type ContactFormValues } from "@/lib/contacts/contact.validation";

const form = (values: Partial<ContactFormValues>): ContactFormValues => ({ ...emptyContactForm, firstName: "Sanne", ...values });

function errors(region: string, values: Partial<ContactFormValues>): Record<string, string> {
  const result = contactSchema(region).safeParse(form(values));
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("phone numbers", () => {
  it.each([
    ["+31 6 12345678", "US", "+31612345678"],
    ["+31 (0)6 1234 5678", "US", "+31612345678"],
    ["06-12345678", "NL", "+31612345678"],
    ["0031 6 12 34 56 78", "NL", "+31612345678"],
    ["(303) 555-0123", "US", "+13035550123"],
    ["303.555.0123", "US", "+13035550123"],
    ["+1 303 555 0123", "NL", "+13035550123"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["+49 151 23456789", "US", "+4915123456789"],
  ])("reads %s (default region %s) as %s", (raw, region, e164) => {
    expect(parsePhone(raw, region)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["12", "US", /No country accepts/],
    ["06 12345678", "US", /No country accepts/],
    ["+999 1234567", "US", /calling code/],
    ["call me maybe", "US", /digits/],
    ["tel 0612345678", "NL", /digits, spaces/],
    ["+31 6 1234", "NL", /No country accepts|too short/],
  ])("refuses %s (default region %s)", (raw, region, message) => {
    const result = parsePhone(raw, region);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("stores every number in E.164 and names the bad one by its position", () => {
    const result = contactSchema("NL").safeParse(form({ phones: [{ value: "06 12345678" }, { value: "+31612345678" }, { value: "12" }] }));
    expect(result.success).toBe(false);
    expect(errors("NL", { phones: [{ value: "06 12345678" }, { value: "+31612345678" }, { value: "12" }] })).toEqual({
      "phones.1.value": "This number is already in the list.",
      "phones.2.value": expect.stringMatching(/No country accepts 12/),
    });
    const ok = contactSchema("NL").parse(form({ phones: [{ value: "06 12345678" }, { value: "" }, { value: "+44 20 7946 0958" }] }));
    expect(ok.phones).toEqual(["+31612345678", "+442079460958"]);
  });

  it("keeps a number the contact already has even where the plan has no such range", () => {
    // +44 7700 900xxx is Ofcom's range for drama: no real number, so libphonenumber refuses it.
    expect(parsePhone("+44 7700 900123", "GB").ok).toBe(false);
    expect(contactSchema("GB", ["+447700900123"]).parse(form({ phones: [{ value: "07700 900123" }] })).phones).toEqual(["+447700900123"]);
  });
});

describe("e-mail addresses", () => {
  it("accepts and lower-cases good addresses, dropping empty rows", () => {
    const ok = contactSchema("US").parse(form({ emails: [{ value: " Sanne.deVries@Example.com " }, { value: "" }] }));
    expect(ok.emails).toEqual(["sanne.devries@example.com"]);
  });

  it.each(["not-an-address", "a@b", "two@@example.com", "spaces in@example.com", `${"x".repeat(250)}@example.com`])("refuses %s", (value) => {
    expect(errors("US", { emails: [{ value }] })["emails.0.value"]).toBeTruthy();
  });

  it("refuses the same address twice, whatever its case", () => {
    expect(errors("US", { emails: [{ value: "a@example.com" }, { value: "A@Example.com" }] })).toEqual({ "emails.1.value": "This address is already in the list." });
  });
});

describe("dates and other fields", () => {
  it("accepts a past birthdate and refuses future, impossible and malformed ones", () => {
    expect(errors("US", { birthdate: "1985-02-28" })).toEqual({});
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(errors("US", { birthdate: tomorrow }).birthdate).toBe("A birthdate cannot be in the future.");
    expect(errors("US", { birthdate: "2023-02-30" }).birthdate).toBe("This date does not exist.");
    expect(errors("US", { birthdate: "28/02/1985" }).birthdate).toBe("Use the form YYYY-MM-DD.");
    expect(errors("US", { birthdate: "1850-01-01" }).birthdate).toMatch(/before 1900/);
  });

  it("checks lists, lengths and control characters", () => {
    expect(errors("US", { country: "XX" }).country).toBe("Pick a country from the list.");
    expect(errors("US", { country: "nl" })).toEqual({});
    expect(errors("US", { gender: "robot" }).gender).toBe("Pick a gender from the list.");
    expect(errors("US", { idType: "passport" })).toEqual({});
    expect(errors("US", { notes: "x".repeat(5001) }).notes).toMatch(/at most 5000/);
    expect(errors("US", { lastName: "de\u0007Vries" }).lastName).toMatch(/control characters/);
  });

  it("needs at least a name, a phone or an e-mail", () => {
    expect(errors("US", { firstName: "" }).firstName).toMatch(/at least a name/);
    expect(errors("US", { firstName: "", phones: [{ value: "+13035550123" }] })).toEqual({});
  });
});
