import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { text as readText } from 'node:stream/consumers';
import type { Command } from '@commander-js/extra-typings';
import { modelNameSchema, type PredictResponse } from '@mlops/contracts';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { percent } from '../output/format.js';
import { positiveInt, slugFlag } from './flag-parsers.js';

const TEXTS_PER_REQUEST = 256;

function shorten(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function printPredictions(
  context: CommandContext,
  texts: readonly string[],
  answers: readonly PredictResponse[],
): void {
  const { out } = context;
  const predictions = answers.flatMap((answer) => answer.predictions);
  const first = answers[0];
  out.result(
    {
      model: first?.model,
      version: first?.version,
      route: first?.route,
      predictions: predictions.map((p, i) => ({ text: texts[i], ...p })),
    },
    () => {
      if (first) out.line(`${first.model} v${first.version} (${first.route})`);
      out.line(
        out.table(
          ['text', 'label', 'p'],
          predictions.map((p, i) => [shorten(texts[i] ?? '', 60), out.c.bold(p.label), percent(p.probabilities[0]?.p)]),
        ),
      );
    },
  );
}

/** `mlops predict --model NAME "text" | --file doc.pdf | < texts.txt`. */
export function registerPredictCommand(program: Command, io: CliIo): void {
  program
    .command('predict')
    .summary('Classify texts (arguments or stdin) or a document with a served model')
    .description(
      "Classify texts with a model's production version (or --model-version): texts as arguments, one per line on stdin, or a document with --file (PDF, image, e-mail, office file)",
    )
    .argument('[texts...]', 'texts to classify (else one per line on stdin)')
    .requiredOption('-m, --model <name>', 'the model', slugFlag('--model', modelNameSchema))
    .option('--model-version <n>', 'a version instead of production', positiveInt)
    .option('-f, --file <path>', 'a document to classify (its text is extracted by document-recognition)')
    .action(async (given, options, command) => {
      const context = contextOf(command, io);
      const { inference } = context.clients;
      const name = options.model;
      if (options.file !== undefined) {
        let content: Buffer;
        try {
          content = readFileSync(options.file);
        } catch {
          throw new CliError(EXIT.usage, `${options.file}: no such file`, 'INPUT_MISSING');
        }
        const answer = await inference.predictDocument({
          params: { name },
          query: { filename: basename(options.file) },
          upload: { files: { content, filename: basename(options.file), contentType: 'application/octet-stream' } },
        });
        printPredictions(
          context,
          [`${basename(options.file)} (${answer.document.type.kind}, ${answer.document.characters} characters)`],
          [answer],
        );
        return;
      }
      let texts = given;
      if (texts.length === 0) {
        if (io.stdin.isTTY)
          throw new CliError(EXIT.usage, 'give texts as arguments, --file, or lines on stdin', 'USAGE');
        texts = (await readText(io.stdin)).split(/\r?\n/).filter((line) => line.trim() !== '');
      }
      if (texts.length === 0) throw new CliError(EXIT.usage, 'no text to classify', 'USAGE');
      const answers: PredictResponse[] = [];
      for (let i = 0; i < texts.length; i += TEXTS_PER_REQUEST) {
        const body = { texts: texts.slice(i, i + TEXTS_PER_REQUEST) };
        answers.push(
          options.modelVersion === undefined
            ? await inference.predict({ params: { name }, body })
            : await inference.predictVersion({ params: { name, version: options.modelVersion }, body }),
        );
      }
      printPredictions(context, texts, answers);
    });
}
