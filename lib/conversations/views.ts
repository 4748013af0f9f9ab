/** The four inbox views; shared by the server queries and the browser. */
export const views = ["new", "mine", "assigned", "all"] as const;
export type View = (typeof views)[number];
export const viewLabels: Record<View, string> = { new: "New", mine: "Assigned to me", assigned: "Assigned", all: "All" };

export function isView(value: string): value is View {
  return (views as readonly string[]).includes(value);
}

/** Counts above this are shown as "10k+": counting every closed conversation would cost more than it tells. */
export const COUNT_CAP = 10_000;
