// A typed StreamSphere client in a few lines: openapi-fetch over the generated schema.d.ts.
// Every path, parameter, body and answer below is checked by `tsc --strict` against the schema.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Video = components["schemas"]["Video"];
type FeedEntry = components["schemas"]["FeedEntry"];

export async function signIn(baseUrl: string, login: string, password: string) {
  const api = createClient<paths>({ baseUrl });
  const { data, error } = await api.POST("/api/v1/auth/login", {
    body: { login, password },
    // A Bearer client keeps its tokens itself: no cookie.
    params: { header: { "X-Auth-Cookies": "omit" } },
  });
  if (error) {
    throw new Error(`${error.error.code}: ${error.error.message}`);
  }
  const signedIn = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${data.access}` },
  });
  return { api: signedIn, user: data.user, refresh: data.refresh };
}

export async function newestItems(baseUrl: string, limit = 10): Promise<Video[]> {
  const api = createClient<paths>({ baseUrl });
  const { data, error } = await api.GET("/api/v1/videos", {
    params: { query: { sort: "newest", limit } },
  });
  if (error) {
    // Error fields name each input by its path, with its messages.
    const fields = Object.entries(error.error.fields).map(([f, m]) => `${f}: ${m.join(" ")}`);
    throw new Error(fields.join("; ") || error.error.message);
  }
  return data.results;
}

export function describe(entry: FeedEntry): string {
  switch (entry.type) {
    case "video":
      return `${entry.video.owner.username} uploaded ${entry.video.title}`;
    case "tweet":
      return `${entry.tweet.author.username}: ${entry.tweet.content}`;
  }
}

export async function inbox(api: Awaited<ReturnType<typeof signIn>>["api"]): Promise<string[]> {
  const { data } = await api.GET("/api/v1/notifications", { params: { query: {} } });
  return (data?.results ?? []).map((entry) => {
    const who = entry.actor === null ? "StreamSphere" : entry.actor.username;
    switch (entry.target.type) {
      case "channel":
        return `${who} subscribed to your channel`;
      case "video":
      case "comment":
      case "tweet":
      case "user":
        return `${who}: ${entry.kind} on ${entry.target.title}`;
    }
  });
}

export async function hlsMaster(baseUrl: string, video: Video): Promise<string | null> {
  if (video.hls_url === null) {
    return null;
  }
  const api = createClient<paths>({ baseUrl });
  const { data } = await api.GET("/api/v1/videos/{id}/hls/master.m3u8", {
    params: { path: { id: video.id } },
    parseAs: "text",
  });
  return data ?? null;
}
