// manifest.json creates the Slack app as srm-bot runs it: valid against Slack's manifest schema, and asking
// only for what the code uses.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";
import { COMMAND } from "../../src/slack/listeners/slash-command.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const manifest = JSON.parse(readFileSync(join(projectRoot, "manifest.json"), "utf8"));
const schemaPath = join(projectRoot, "..", "shared", "schemas", "slack-app-manifest.v1.schema.json");

describe("manifest.json", () => {
  it("validates against Slack's app manifest schema", () => {
    const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
    // strict off: Slack's schema carries its own annotations ("_note", "regex") that are not JSON Schema keywords.
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the same validator rejects a broken manifest (the check is live)", () => {
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
    const broken = structuredClone(manifest);
    broken.display_information.name = "x".repeat(36);
    broken.features.slash_commands[0].command = "srm";
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThanOrEqual(2);
  });

  it("asks for the least privilege: only the scopes the code uses", () => {
    // app_mentions:read → app_mention; im:history → message.im; chat:write → chat.postMessage, chat.update,
    // chat.postEphemeral; commands → /srm; users:read → users.info (admin check, time zone, name).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ["app_mentions:read", "chat:write", "commands", "im:history", "users:read"].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("subscribes to exactly the events the listeners handle, with the slash command, interactivity and App Home", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      ["app_home_opened", "app_mention", "message.im"].sort(),
    );
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.bot_user.display_name).toBe("srm-bot");
    expect(typeof manifest.settings.socket_mode_enabled).toBe("boolean");
  });
});
