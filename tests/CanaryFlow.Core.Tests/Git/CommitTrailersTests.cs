using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Tests.Git;

public sealed class CommitTrailersTests
{
    [Fact]
    public void Trailers_are_the_key_value_lines_of_the_last_paragraph()
    {
        var trailers = CommitTrailers.Parse("Subject\n\nBody: not a trailer because more follows\n\nCanaryFlow-Rollout: ns/api\nCanaryFlow-Reverts: a\nCanaryFlow-Reverts: b\n");

        Assert.Equal("ns/api", trailers.Value("canaryflow-rollout"));
        Assert.Equal(["a", "b"], trailers.Values("CanaryFlow-Reverts"));
        Assert.Null(trailers.Value("Body"));
    }

    [Theory]
    [InlineData("CanaryFlow-Rollout: ns/api")]
    [InlineData("Subject\n\nsome prose\nCanaryFlow-Rollout: ns/api")]
    [InlineData("Subject\n\nNot a key: x")]
    public void A_subject_alone_or_a_paragraph_with_prose_has_no_trailers(string message) => Assert.Empty(CommitTrailers.Parse(message).Entries);

    [Fact]
    public void Windows_line_endings_do_not_hide_trailers() =>
        Assert.Equal("ns/api", CommitTrailers.Parse("Subject\r\n\r\nCanaryFlow-Rollout: ns/api\r\n").Value("CanaryFlow-Rollout"));
}
