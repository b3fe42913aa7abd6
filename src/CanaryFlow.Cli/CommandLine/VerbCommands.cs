using System.CommandLine;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Errors;
using CanaryFlow.Cli.Output;
using CanaryFlow.Cli.Verbs;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>
/// The user verbs of the semantics (§4): promote, abort, retry, pause, resume, undo, restart and set image. Each is
/// idempotent and answers with one line (or, with -o, the Rollout after it).
/// </summary>
internal static class VerbCommands
{
    public static IEnumerable<Command> Create(GlobalOptions global)
    {
        var full = new Option<bool>("--full") { Description = "Skip all remaining steps and analysis and go Healthy" };
        yield return Verb(global, "promote", "Go on to the next step (from a pause or analysis step), or with --full straight to Healthy", [full],
            (parse, rollout, _) => Task.FromResult(parse.GetValue(full) ? RolloutVerbs.PromoteFull(rollout) : RolloutVerbs.Promote(rollout)));
        yield return Verb(global, "abort", "Put all traffic back on stable and scale the canary down", [], (_, rollout, _) => Task.FromResult(RolloutVerbs.Abort(rollout)));
        yield return Verb(global, "retry", "Start the steps of an aborted canary again from the first", [], (_, rollout, _) => Task.FromResult(RolloutVerbs.Retry(rollout)));
        yield return Verb(global, "pause", "Hold the Rollout where it is (spec.paused)", [], (_, rollout, _) => Task.FromResult(RolloutVerbs.Pause(rollout)));
        yield return Verb(global, "resume", "Let a paused Rollout go on (clears spec.paused)", [], (_, rollout, _) => Task.FromResult(RolloutVerbs.Resume(rollout)));
        yield return Verb(global, "restart", "Replace every pod, a few at a time (spec.restartAt)", [], (_, rollout, _) => Task.FromResult(RolloutVerbs.Restart(rollout, DateTimeOffset.UtcNow)));
        yield return Undo(global);
        yield return SetImage(global);
    }

    private static Command Undo(GlobalOptions global)
    {
        var toRevision = new Option<int?>("--to-revision") { Description = "The revision to go back to (default: the previous one)" };
        Func<ClusterSession, ParseResult, Rollout, CancellationToken, Task<VerbResult>> undo = async (session, parse, rollout, cancellationToken) =>
        {
            var revisions = await ReplicaSetRevisions.ReadAsync(session, rollout, cancellationToken).ConfigureAwait(false);
            try
            {
                return RolloutVerbs.Undo(rollout, revisions, parse.GetValue(toRevision));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message, e);
            }
        };
        return Verb(global, "undo", "Write the template of an earlier revision back into the Rollout", [toRevision], undo);
    }

    private static Command SetImage(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The Rollout" };
        var images = new Argument<string[]>("CONTAINER=IMAGE") { Description = "New images by container name (* for all)", Arity = ArgumentArity.OneOrMore };
        var image = new Command("image", "Change container images of a Rollout's template (starts a canary)") { name, images };
        CommandRun.SetAction(image, async (parse, cancellationToken) =>
        {
            var assignments = parse.GetValue(images)!.Select(ImageAssignment.Parse).ToList();
            return await RunAsync(global, parse, parse.GetValue(name)!, (_, rollout, _) => Task.FromResult(SetImageVerb.Build(rollout, assignments)), cancellationToken).ConfigureAwait(false);
        });
        return new Command("set", "Change a field of a Rollout") { image };
    }

    private static Command Verb(GlobalOptions global, string verb, string description, Option[] options, Func<ParseResult, Rollout, CancellationToken, Task<VerbResult>> build) =>
        Verb(global, verb, description, options, (_, parse, rollout, cancellationToken) => build(parse, rollout, cancellationToken));

    private static Command Verb(GlobalOptions global, string verb, string description, Option[] options, Func<ClusterSession, ParseResult, Rollout, CancellationToken, Task<VerbResult>> build)
    {
        var name = new Argument<string>("NAME") { Description = "The Rollout" };
        var command = new Command(verb, description) { name };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        CommandRun.SetAction(command, (parse, cancellationToken) =>
            RunAsync(global, parse, parse.GetValue(name)!, (session, rollout, token) => build(session, parse, rollout, token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, ParseResult parse, string name, Func<ClusterSession, Rollout, CancellationToken, Task<VerbResult>> build, CancellationToken cancellationToken)
    {
        var format = global.Format(parse);
        using var session = ClusterSession.Open(global.Target(parse));
        var outcome = await VerbApplier.ApplyAsync(session, name, (rollout, token) => build(session, rollout, token), cancellationToken).ConfigureAwait(false);
        if (format == OutputFormat.Human)
        {
            await Console.Out.WriteLineAsync(outcome.Message).ConfigureAwait(false);
        }
        else
        {
            await ObjectPrinter.WriteAsync(Console.Out, outcome.ToJson(), format, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
