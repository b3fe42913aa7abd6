using System.Text;
using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class EventNoteTests
{
    [Fact]
    public void A_note_within_1_KiB_is_kept()
    {
        var note = new string('x', 1024);
        Assert.Same(note, EventNote.Truncate(note));
    }

    [Fact]
    public void A_longer_note_is_cut_to_1_KiB()
    {
        Assert.Equal(new string('x', 1024), EventNote.Truncate(new string('x', 5000)));
    }

    [Theory]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("🐤")]
    public void Multi_byte_characters_are_never_split(string character)
    {
        var note = "x" + string.Concat(Enumerable.Repeat(character, 1024));
        var cut = EventNote.Truncate(note);
        var bytes = Encoding.UTF8.GetByteCount(cut);
        Assert.InRange(bytes, 1024 - Encoding.UTF8.GetByteCount(character) + 1, 1024);
        Assert.StartsWith(cut, note, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }
}
