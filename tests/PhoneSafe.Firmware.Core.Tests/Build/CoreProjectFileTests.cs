using System.Xml.Linq;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Build;

/// <summary>
/// The device project lists its sources one by one, the host project takes a wildcard: they must agree.
/// </summary>
public sealed class CoreProjectFileTests
{
    [Fact]
    public void CoreNfproj_ListsEveryCoreSourceFile_AndNothingElse()
    {
        string folder = RepositoryPaths.Combine("firmware", "PhoneSafe.Firmware.Core");
        XNamespace msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";
        XDocument project = XDocument.Load(Path.Combine(folder, "PhoneSafe.Firmware.Core.nfproj"));
        var listed = project.Descendants(msbuild + "Compile")
            .Select(item => ((string)item.Attribute("Include")).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var onDisk = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(onDisk, listed);
    }

    [Fact]
    public void CoreSources_StartWithUtf8Bom()
    {
        string folder = RepositoryPaths.Combine("firmware", "PhoneSafe.Firmware.Core");
        var withoutBom = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !File.ReadAllBytes(path).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            .ToList();

        Assert.Empty(withoutBom);
    }
}
