import { setupServer } from "msw/node";

/** Per-test handlers are added with server.use(...). */
export const server = setupServer();
export const API = "http://localhost:3000/api/v1";
