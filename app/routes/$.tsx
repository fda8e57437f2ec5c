import { notFound } from "../utils/guards.server";

export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
