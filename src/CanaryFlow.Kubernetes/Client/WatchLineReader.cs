using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Splits a watch response body into its events. The server writes one JSON object per line, but TCP delivers
/// arbitrary chunks: a line may span reads and one read may hold many lines, so this buffers by line, not by read.
/// </summary>
public static class WatchLineReader
{
    public static async IAsyncEnumerable<byte[]> ReadLinesAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (!IsBlank(line))
                    {
                        yield return line.ToArray();
                    }
                }

                if (result.IsCompleted)
                {
                    // The server ended the stream; a final line without a newline still counts.
                    if (!buffer.IsEmpty && !IsBlank(buffer))
                    {
                        yield return buffer.ToArray();
                    }

                    reader.AdvanceTo(buffer.End);
                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
