using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Informers;

namespace CanaryFlow.Controller.Analysis;

/// <summary>The templates a run is built from, read from the informer caches.</summary>
public sealed class CachedAnalysisTemplates : IAnalysisTemplateSource
{
    private readonly ObjectCache<AnalysisTemplate> _templates;
    private readonly ObjectCache<ClusterAnalysisTemplate> _clusterTemplates;

    public CachedAnalysisTemplates(ObjectCache<AnalysisTemplate> templates, ObjectCache<ClusterAnalysisTemplate> clusterTemplates)
    {
        _templates = templates;
        _clusterTemplates = clusterTemplates;
    }

    public AnalysisTemplateSpec? Namespaced(string ns, string name) => _templates.Get(ns, name)?.Spec;

    public AnalysisTemplateSpec? Cluster(string name) => _clusterTemplates.Get(null, name)?.Spec;
}
