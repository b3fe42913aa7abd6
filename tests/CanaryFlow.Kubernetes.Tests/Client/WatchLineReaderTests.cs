using System.Text;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Kubernetes.Tests.Client;

public sealed class WatchLineReaderTests
{
    [Fact]
    public async Task Lines_split_across_reads_and_several_lines_per_read_come_out_whole()
    {
        var text = "{\"type\":\"ADDED\",\"object\":{\"a\":1}}\n{\"type\":\"MODIFIED\",\"object\":{\"a\":2}}\n\n{\"type\":\"DELETED\",\"object\":{\"a\":3}}";
        using var body = new ChunkedStream(Encoding.UTF8.GetBytes(text), chunkSize: 7);

        var lines = new List<string>();
        await foreach (var line in WatchLineReader.ReadLinesAsync(body, CancellationToken.None))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        Assert.Equal(
            ["{\"type\":\"ADDED\",\"object\":{\"a\":1}}", "{\"type\":\"MODIFIED\",\"object\":{\"a\":2}}", "{\"type\":\"DELETED\",\"object\":{\"a\":3}}"],
            lines);
    }

    /// <summary>A stream that returns at most <paramref name="chunkSize"/> bytes per read, like a slow network.</summary>
    private sealed class ChunkedStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunkSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
