import { json } from "@remix-run/node";

// Unknown URLs render the translated 404 page through the root error boundary.
export async function loader() {
  throw json({ message: "not found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
