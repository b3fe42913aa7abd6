using System.Threading.Channels;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>
/// One open watch. Events are offered under the store's write lock, so a watcher sees every change in revision
/// order; a watcher that falls too far behind is closed (as the real apiserver closes unresponsive watchers)
/// and its client resumes from the last revision it received.
/// </summary>
public sealed class Watcher
{
    private readonly Channel<WatchMessage> _channel;
    private readonly Func<StoredObject, bool> _matches;

    internal Watcher(string storageResource, string? @namespace, Func<StoredObject, bool> matches, int capacity)
    {
        StorageResource = storageResource;
        Namespace = @namespace;
        _matches = matches;
        _channel = capacity > 0
            ? Channel.CreateBounded<WatchMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<WatchMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    public string StorageResource { get; }
    public string? Namespace { get; }
    public ChannelReader<WatchMessage> Reader => _channel.Reader;

    /// <summary>Set when the watcher was closed because it could not keep up.</summary>
    public bool Overflowed { get; private set; }

    public bool Matches(StoredObject obj) =>
        (Namespace is null || obj.Namespace == Namespace) && _matches(obj);

    internal void Offer(StoreEvent e)
    {
        var nowMatches = Matches(e.Object);
        switch (e.Type)
        {
            case StoreEventType.Added when nowMatches:
                Write(new WatchMessage(WatchMessageType.Added, e.Object, e.ResourceVersion));
                break;
            case StoreEventType.Deleted when nowMatches:
                Write(new WatchMessage(WatchMessageType.Deleted, e.Object, e.ResourceVersion));
                break;
            case StoreEventType.Modified:
                var before = e.Previous is not null && Matches(e.Previous);
                if (before && nowMatches)
                {
                    Write(new WatchMessage(WatchMessageType.Modified, e.Object, e.ResourceVersion));
                }
                else if (nowMatches)
                {
                    Write(new WatchMessage(WatchMessageType.Added, e.Object, e.ResourceVersion));
                }
                else if (before)
                {
                    // The object stopped matching: the client sees it leave its view with the old content and the new revision.
                    Write(new WatchMessage(WatchMessageType.Deleted, e.Previous!.WithResourceVersion(e.ResourceVersion), e.ResourceVersion));
                }

                break;
        }
    }

    internal void Write(WatchMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    public void Close() => _channel.Writer.TryComplete();
}
