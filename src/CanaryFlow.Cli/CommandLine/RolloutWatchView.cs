using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Output;
using CanaryFlow.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>
/// <c>get rollout --watch</c>: on a terminal the view is redrawn in place; into a pipe each new state is written
/// after the last, separated by a blank line, as kubectl's --watch appends.
/// </summary>
internal static class RolloutWatchView
{
    /// <summary>Changes arrive in bursts (a scale moves a ReplicaSet and its pods); one redraw per burst is enough.</summary>
    private static readonly TimeSpan _settle = TimeSpan.FromMilliseconds(150);

    public static async Task RunAsync(ClusterSession session, string ns, string name, CancellationToken cancellationToken)
    {
        var tree = await RolloutTreeReader.ReadAsync(session, ns, name, cancellationToken).ConfigureAwait(false);
        if (Console.IsOutputRedirected)
        {
            while (true)
            {
                TerminalConsole.Write(Console.Out, RolloutTreeRenderer.Render(tree, DateTimeOffset.UtcNow));
                await Console.Out.WriteLineAsync().ConfigureAwait(false);
                await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                tree = await NextAsync(session, ns, name, tree, cancellationToken).ConfigureAwait(false);
            }
        }

        IRenderable view = RolloutTreeRenderer.Render(tree, DateTimeOffset.UtcNow);
        await TerminalConsole.Create(Console.Out).Live(view).AutoClear(false).StartAsync(async live =>
        {
            // A live display draws only when told to: first the view as read, then after every change.
            live.Refresh();
            while (true)
            {
                tree = await NextAsync(session, ns, name, tree, cancellationToken).ConfigureAwait(false);
                live.UpdateTarget(RolloutTreeRenderer.Render(tree, DateTimeOffset.UtcNow));
                live.Refresh();
            }
        }).ConfigureAwait(false);
    }

    private static async Task<RolloutTree> NextAsync(ClusterSession session, string ns, string name, RolloutTree tree, CancellationToken cancellationToken)
    {
        await RolloutChanges.WaitAsync(session, ns, tree, cancellationToken).ConfigureAwait(false);
        await Task.Delay(_settle, cancellationToken).ConfigureAwait(false);
        return await RolloutTreeReader.ReadAsync(session, ns, name, cancellationToken).ConfigureAwait(false);
    }
}
