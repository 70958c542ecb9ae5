using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace PhoneSafe.Testing;

/// <summary>
/// Runs an FsCheck property from a fixed seed (compiled into both test projects), so every run checks the same cases and a failure replays exactly.
/// Set PHONESAFE_PROPERTY_SEED to a number to explore other cases; the seed in use is in every failure message.
/// </summary>
internal static class PropertyRun
{
    /// <summary>The seed used unless PHONESAFE_PROPERTY_SEED says otherwise.</summary>
    public const ulong DefaultSeed = 20261125;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("PHONESAFE_PROPERTY_SEED"), out ulong seed) ? seed : DefaultSeed;

    /// <summary>Checks that <paramref name="assert"/> neither throws nor fails for <paramref name="tests"/> generated values.</summary>
    public static void Check<T>(string name, Gen<T> generator, Action<T> assert, int tests)
    {
        ulong seed = Seed;
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(tests)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(name, config, Prop.ForAll(generator.ToArbitrary(), assert));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Property '{name}' failed with seed {seed} (replay: PHONESAFE_PROPERTY_SEED={seed}).{Environment.NewLine}{ex.Message}");
        }
    }
}
