// The parts of overview cards: one service, the service models, the shared controls, a compare matrix.
import type { CompareDetail, ControlsDetail, ModelDetail, ServiceDetail } from "../engine/answer.js";
import { MAX_COMPARE_ROWS, MAX_CONTROLS, MAX_RELATED } from "./card-policy.js";
import { COPY, listOf } from "./copy.js";
import { type ButtonView, type Line, type Part, strong, tag, typed } from "./view.js";
import { ask, askRef } from "./view-answer.js";

export function serviceParts(d: ServiceDetail): Part[] {
  const parts: Part[] = [{ type: "text", text: d.summary }];
  for (const owner of ["aws", "customer", "shared"] as const)
    if (d[owner].length)
      parts.push({ type: "list", title: COPY.side[owner], owner, items: d[owner].map((r) => r.statement) });
  // The duties a reader most likely has to act on first: theirs, then shared ones.
  const asks = [...d.customer, ...d.shared, ...d.aws].slice(0, MAX_RELATED);
  const buttons: ButtonView[] = asks.map((r) => askRef(r));
  if (d.url && /^https:\/\/[^\s<>|]+$/.test(d.url))
    buttons.push({ label: COPY.documentation(d.name), url: d.url });
  if (buttons.length) parts.push({ type: "buttons", title: COPY.askAboutOne, buttons });
  return parts;
}

export function modelParts(headline: string, d: ModelDetail): Part[] {
  const parts: Part[] = [];
  if (d.unknown)
    parts.push({
      type: "text",
      icon: "warning",
      text: [
        "“",
        typed(d.unknown.slice(0, 100)),
        COPY.unknownModel,
        listOf(d.models.map((m) => m.name)),
        COPY.unknownModelTry,
      ],
    });
  const many = d.models.length > 1;
  // One model: its summary is the headline, said once below its name.
  if (many) parts.push({ type: "text", text: headline });
  for (const m of d.models) {
    const group: Part[] = [
      { type: "text", text: m.summary },
      {
        type: "pair",
        cells: [
          { title: COPY.awsHandles, owner: "aws", items: m.aws },
          { title: COPY.youHandle, owner: "customer", items: m.customer },
        ],
      },
    ];
    if (m.examples.length)
      group.push({
        type: "text",
        note: true,
        text: COPY.forExample(m.examples.map((e) => e.name).join(", ")),
      });
    parts.push({ type: "group", ...(many ? { title: [strong(m.name)] } : {}), parts: group });
  }
  return parts;
}

export function controlParts(headline: string, d: ControlsDetail): Part[] {
  const parts: Part[] = [{ type: "text", text: headline }];
  for (const c of d.controls.slice(0, MAX_CONTROLS))
    parts.push({
      type: "group",
      title: [{ owner: "shared" }, " ", strong(c.name)],
      parts: [
        { type: "text", text: c.summary },
        {
          type: "pair",
          cells: [
            { title: COPY.controlAws, owner: "aws", items: [c.aws] },
            { title: COPY.controlYou, owner: "customer", items: [c.customer] },
          ],
        },
      ],
    });
  if (d.controls.length > MAX_CONTROLS)
    parts.push({ type: "text", note: true, text: COPY.andMore(d.controls.length - MAX_CONTROLS) });
  return parts;
}

export function compareParts(d: CompareDetail): Part[] {
  const parts: Part[] = [];
  const notes = [
    ...(d.defaulted ? [COPY.compareDefaulted(d.topicName, listOf(d.rows.map((r) => r.service.name)))] : []),
    ...(d.leftOut.length ? [COPY.compareLeftOut(listOf(d.leftOut.map((s) => s.name)), d.rows.length)] : []),
  ];
  for (const n of notes) parts.push({ type: "text", note: true, icon: "information_source", text: n });
  // With a topic each row is an owner; without one (services compared as a whole) each row is a summary.
  if (d.topic !== null)
    parts.push({
      type: "text",
      note: true,
      text: [
        tag("aws"),
        "   ",
        tag("customer"),
        "   ",
        tag("shared"),
        "   ",
        { icon: "white_square" },
        ` ${COPY.compareLegend}`,
      ],
    });
  const rows = d.rows.slice(0, MAX_COMPARE_ROWS);
  parts.push({
    type: "table",
    rows: rows.map((r) => {
      const value: Line =
        d.topic === null
          ? r.service.summary
          : r.owner && r.entry
            ? [tag(r.owner), ": ", r.entry.statement]
            : [{ icon: "white_square" }, { text: ` ${COPY.noEntry}`, em: true }];
      const question = d.topic === null ? COPY.responsibleFor(r.service.name) : r.entry?.question;
      return { label: [strong(r.service.name)], value, ...(question ? { question } : {}) };
    }),
  });
  if (d.rows.length > rows.length)
    parts.push({ type: "text", note: true, text: COPY.andMore(d.rows.length - rows.length, " services") });
  const asks =
    d.topic === null
      ? rows.map((r) => ask(COPY.responsibleFor(r.service.name), r.service.name))
      : rows.flatMap((r) => (r.entry ? [askRef(r.entry, `${r.service.name}: ${r.entry.question}`)] : []));
  if (asks.length)
    parts.push({
      type: "buttons",
      title: d.topic === null ? COPY.moreOnOne : COPY.fullAnswerForOne,
      buttons: asks,
    });
  return parts;
}
