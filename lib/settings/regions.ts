/**
 * ISO 3166-1 alpha-2 country codes, for the default region of phone numbers: a number written without
 * a country code ("020 123 4567") is read as belonging to this region.
 */
const codes =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

export const regionCodes: readonly string[] = codes.split(" ");

const regionSet = new Set(regionCodes);

export function isRegionCode(value: string): boolean {
  return regionSet.has(value);
}

let names: Intl.DisplayNames | undefined;

export function regionName(code: string): string {
  names ??= new Intl.DisplayNames(["en"], { type: "region" });
  return names.of(code) ?? code;
}

/** Codes with their English names, sorted by name, for a picker. */
export function regionOptions(): { code: string; name: string }[] {
  return regionCodes.map((code) => ({ code, name: regionName(code) })).sort((a, b) => a.name.localeCompare(b.name, "en"));
}
