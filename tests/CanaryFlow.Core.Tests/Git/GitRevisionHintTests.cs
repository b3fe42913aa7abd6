using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Tests.Git;

public sealed class GitRevisionHintTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData(" 0123456789ABCDEF0123456789ABCDEF01234567\n", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("main@sha1:0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha1:0123abc", "0123abc")]
    [InlineData("main", null)]
    [InlineData("0123", null)]
    [InlineData("--output=/tmp/x", null)]
    [InlineData("", null)]
    public void The_annotation_gives_a_commit_id_or_nothing(string value, string? expected) =>
        Assert.Equal(expected, GitRevisionHint.From(new Dictionary<string, string> { [GitRevisionHint.Annotation] = value }));

    [Fact]
    public void No_annotations_or_no_hint_annotation_is_no_hint()
    {
        Assert.Null(GitRevisionHint.From(null));
        Assert.Null(GitRevisionHint.From(new Dictionary<string, string> { ["other"] = "0123456789abcdef" }));
    }
}
