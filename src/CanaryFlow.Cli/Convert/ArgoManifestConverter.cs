using System.Text.Json.Nodes;
using CanaryFlow.Cli.Lint;

namespace CanaryFlow.Cli.Convert;

/// <summary>One document of an Argo manifest converted: the CanaryFlow object (null when it could not be), and the notes.</summary>
internal sealed record ConvertedDocument(ManifestDocument Source, JsonObject? Result, IReadOnlyList<ConversionNote> Notes, string? Failure);

/// <summary>Converts every document of a manifest; objects that are not Argo Rollouts' pass through unchanged (Services, ...).</summary>
internal static class ArgoManifestConverter
{
    private const string _argoApiVersion = "argoproj.io/v1alpha1";

    public static ConvertedDocument Convert(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ApiVersion != _argoApiVersion)
        {
            return new ConvertedDocument(document, (JsonObject)document.Body.DeepClone(), [], null);
        }

        var scope = new ConversionScope();
        try
        {
            JsonObject result = document.Kind switch
            {
                "Rollout" => ArgoRolloutConverter.Convert(document.Body, scope),
                "AnalysisTemplate" or "ClusterAnalysisTemplate" => ArgoAnalysisTemplateConverter.Convert(document.Body, document.Kind, scope),
                _ => throw new ConversionFailedException("kind", $"{document.Kind} has no equivalent in CanaryFlow (Rollout, AnalysisTemplate and ClusterAnalysisTemplate convert)"),
            };
            return new ConvertedDocument(document, result, scope.Notes, null);
        }
        catch (ConversionFailedException e)
        {
            return new ConvertedDocument(document, null, scope.Notes, e.Message);
        }
    }
}
