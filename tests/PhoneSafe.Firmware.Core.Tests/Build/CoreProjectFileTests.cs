using System.Xml.Linq;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Build;

/// <summary>
/// The nanoFramework projects list their sources one by one (the host project takes a wildcard), and cannot be
/// built here: each list must name exactly the .cs files in its folder, so a file added or removed is not missed.
/// </summary>
public sealed class CoreProjectFileTests
{
    [Theory]
    [InlineData("PhoneSafe.Firmware.Core")]
    [InlineData("PhoneSafe.Firmware.Device")]
    [InlineData("PhoneSafe.Firmware.Esp32")]
    public void Nfproj_ListsEverySourceFileInItsFolder_AndNothingElse(string name)
    {
        string folder = RepositoryPaths.Combine("firmware", name);
        XNamespace msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";
        XDocument project = XDocument.Load(Path.Combine(folder, name + ".nfproj"));
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
