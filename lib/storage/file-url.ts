/** Where an agent's browser fetches a stored file (the route checks the session). Safe in client code. */
export function fileUrl(id: string): string {
  return `/api/files/${id}`;
}
