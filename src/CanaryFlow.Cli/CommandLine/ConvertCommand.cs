using System.CommandLine;
using CanaryFlow.Cli.Convert;
using CanaryFlow.Cli.Lint;
using CanaryFlow.Cli.Output;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>
/// <c>convert -f FILE</c>: Argo Rollouts manifests as CanaryFlow manifests on stdout (YAML, or JSON with -o json);
/// every field without an equivalent is reported on stderr. Exit 1 when an object could not be converted at all.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(GlobalOptions global)
    {
        var files = FileOption.Create("Argo Rollouts manifests (Rollout, AnalysisTemplate, ClusterAnalysisTemplate; - for stdin)");
        var command = new Command("convert", "Convert Argo Rollouts manifests to CanaryFlow, reporting what has no equivalent") { files };
        CommandRun.SetAction(command, async (parse, cancellationToken) =>
        {
            var format = global.Format(parse);
            var converted = new List<ConvertedDocument>();
            foreach (var file in parse.GetValue(files)!)
            {
                converted.AddRange((await ManifestReader.ReadAsync(file, cancellationToken).ConfigureAwait(false)).Select(ArgoManifestConverter.Convert));
            }

            foreach (var document in converted)
            {
                foreach (var note in document.Notes)
                {
                    await Console.Error.WriteLineAsync($"warning: {document.Source.Label}: {note}").ConfigureAwait(false);
                }

                if (document.Failure is not null)
                {
                    await Console.Error.WriteLineAsync($"error: {document.Source.Label}: {document.Failure}; not converted").ConfigureAwait(false);
                }
            }

            var results = converted.Select(d => d.Result).OfType<System.Text.Json.Nodes.JsonObject>().ToList();
            if (format == OutputFormat.Json)
            {
                var output = results.Count == 1 ? results[0] : ObjectPrinter.List(results);
                await ObjectPrinter.WriteAsync(Console.Out, output, format, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteAsync(JsonYamlWriter.WriteAll(results).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return converted.Any(d => d.Failure is not null) ? CommandRun.Failure : 0;
        });
        return command;
    }
}
