export * from "./enums";
export * from "./users";
export * from "./channels";
export * from "./contacts";
export * from "./conversations";
export * from "./settings";
export * from "./files";
export * from "./administration";
