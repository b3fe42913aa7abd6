using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// Records what every change of one object looked like, in the API server's order, through a real watch: an end-to-end
/// test sees each weight the controller wrote, even those it passes in less time than a poll would take.
/// </summary>
public sealed class ChangeRecorder<T> : IAsyncDisposable
    where T : class, IKubernetesObject
{
    private readonly List<string> _changes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    /// <param name="describe">What to record of the object (a weight); deletions are recorded as "deleted".</param>
    public ChangeRecorder(ResourceClient<T> client, string ns, string name, string fromResourceVersion, Func<T, string> describe)
    {
        _watch = WatchAsync(client, ns, name, fromResourceVersion, describe);
    }

    /// <summary>The recorded states, repeats of the same state in a row counted once.</summary>
    public IReadOnlyList<string> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes.Where((change, i) => i == 0 || _changes[i - 1] != change)];
            }
        }
    }

    private async Task WatchAsync(ResourceClient<T> client, string ns, string name, string fromResourceVersion, Func<T, string> describe)
    {
        var options = new WatchOptions { ResourceVersion = fromResourceVersion, Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            await foreach (var change in client.WatchAsync(ns, options, _stop.Token))
            {
                if (change.Object.Metadata.Name != name)
                {
                    continue;
                }

                var state = change.Type switch
                {
                    ResourceEventType.Added or ResourceEventType.Modified => describe(change.Object),
                    ResourceEventType.Deleted => "deleted",
                    _ => null,
                };
                if (state is not null)
                {
                    lock (_changes)
                    {
                        _changes.Add(state);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
