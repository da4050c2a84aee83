// What `srm-bot help` and `srm-bot <command> --help` print. The README's command list is checked against
// these (test/readme): a command shown there has its help here.

const KNOWLEDGE_OPTIONS = `Options:
  --data <dir>      knowledge folder (default: the bundled data/)
  --intents <dir>   intents folder (default: the bundled intents/)
  -h, --help        this text`;

export const USAGE = `srm-bot — who owns what under the AWS Shared Responsibility Model

Usage:
  srm-bot ask "<question>"        print a readable answer
  srm-bot ask --json "<question>" print one JSON object
  srm-bot ask --json              read one question a line on stdin, write one JSON object a line
  srm-bot chat                    chat in the terminal
  srm-bot explain "<question>"    show how the engine read, ranked and answered a question
  srm-bot explain --json "<q>"    the same as one JSON object
  srm-bot data check              validate data/ and intents/, listing every problem
  srm-bot data coverage           per service: kind, entries, layers explained or by rule, source
  srm-bot quiz post --channel <platform:workspace:channel>
                                  post one quiz to a Slack channel or Teams conversation now
  srm-bot help                    this text

Every command takes --help. ${KNOWLEDGE_OPTIONS.replace("Options:\n", "Options for ask, chat, explain and data:\n")}

Examples:
  srm-bot ask "who handles RDS patching?"
  echo "who patches lambda runtimes" | srm-bot ask --json
`;

export const COMMAND_USAGE: Record<string, string> = {
  ask: `Usage:
  srm-bot ask "<question>"          print a readable answer
  srm-bot ask --json "<question>"   print one JSON object: question, intent, owner, service, model, layer,
                                    entry, confidence, suggestions (in this order, nothing else)
  srm-bot ask --json                read one question a line on stdin, write one JSON object a line, in order

Commands are answered as commands: "service lambda", "model serverless", "help", "quiz".

${KNOWLEDGE_OPTIONS}
  --json            one JSON object per question

Examples:
  srm-bot ask "who handles RDS patching?"
  printf 'who patches the hypervisor\\nservice lambda\\n' | srm-bot ask --json
`,
  chat: `Usage:
  srm-bot chat                      ask question after question in the terminal; Ctrl+D or "exit" leaves

${KNOWLEDGE_OPTIONS}
`,
  explain: `Usage:
  srm-bot explain "<question>"        how the engine read the question, the entries it ranked (with scores and
                                      the threshold), the responsibility model's ruling, the rule that fired
                                      and the answer it gives — exactly what \`ask\` answers
  srm-bot explain --json "<question>" the same as one JSON object, for scripts

${KNOWLEDGE_OPTIONS}
  --json            one JSON object

Example:
  srm-bot explain "who pathces the hypervisor"
`,
  data: `Usage:
  srm-bot data check      validate data/ and intents/: every problem (JSON syntax with line and column,
                          missing or wrong fields, references between files) in one list; exit 1 when any.
                          Also warns about entries not reviewed in 12 months.
  srm-bot data coverage   per service: kind, entries, which layers have an entry of their own and which
                          are answered by the general rule for the service's kind, and its source

${KNOWLEDGE_OPTIONS}
`,
};
