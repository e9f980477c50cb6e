using System;
using System.IO;
using System.Reflection;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.IO
{
    /// <summary>
    /// Unix file modes through the .NET 7+ APIs (FileSystemInfo.UnixFileMode, FileStreamOptions.UnixCreateMode,
    /// Directory.CreateDirectory with a mode), reached by reflection because netstandard2.0 has none of them.
    /// Reflection rather than a libc P/Invoke: stat's struct layout differs by platform and architecture, and older
    /// glibc does not even export it. PowerShell 7.4 and later run on .NET 8 or later, so these are always there;
    /// on an older runtime the store refuses to work rather than guess at permissions.
    /// </summary>
    internal sealed class UnixFileModes
    {
        private static readonly Lazy<UnixFileModes?> Bound = new Lazy<UnixFileModes?>(Bind);

        private readonly Type modeType;
        private readonly PropertyInfo modeProperty;
        private readonly MethodInfo createDirectory;
        private readonly Type optionsType;
        private readonly ConstructorInfo streamWithOptions;

        private UnixFileModes(Type modeType, PropertyInfo modeProperty, MethodInfo createDirectory, Type optionsType,
            ConstructorInfo streamWithOptions)
        {
            this.modeType = modeType;
            this.modeProperty = modeProperty;
            this.createDirectory = createDirectory;
            this.optionsType = optionsType;
            this.streamWithOptions = streamWithOptions;
        }

        public static UnixFileModes Api(string path) =>
            Bound.Value ?? throw new HyprTokenStoreException(
                TokenStoreErrorReason.UnsupportedRuntime,
                path,
                "The persistent token cache needs .NET 7 or later on Linux and macOS to set and check file permissions (PowerShell 7.4 or later); " +
                    $"this is {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}. " +
                    "Use the session cache instead, or PowerShell 7.4 or later.");

        /// <summary>The API, or null on a runtime without it (for checks that are advice, not protection).</summary>
        public static UnixFileModes? Available => Bound.Value;

        /// <summary>The permission bits (e.g. 0x1A4 for 0644), following symbolic links; null when nothing is there.</summary>
        public int? Get(FileSystemInfo item)
        {
            // The property reads -1 for a missing path rather than throwing.
            var mode = Convert.ToInt32(ReflectedCall.Unwrapped(() => modeProperty.GetValue(item)));
            return mode < 0 ? (int?)null : mode & 0xFFF;
        }

        public void CreateDirectory(string path, int mode) =>
            ReflectedCall.Unwrapped(() => createDirectory.Invoke(null, new[] { path, Enum.ToObject(modeType, mode) }));

        /// <summary>Opens a file exclusively (FileShare.None), creating it with <paramref name="mode"/> from its first instant.</summary>
        public FileStream Open(string path, FileMode fileMode, FileAccess access, int mode)
        {
            var options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("Mode")!.SetValue(options, fileMode);
            optionsType.GetProperty("Access")!.SetValue(options, access);
            optionsType.GetProperty("Share")!.SetValue(options, FileShare.None);
            optionsType.GetProperty("UnixCreateMode")!.SetValue(options, Enum.ToObject(modeType, mode));
            return (FileStream)ReflectedCall.Unwrapped(() => streamWithOptions.Invoke(new[] { path, options }))!;
        }

        private static UnixFileModes? Bind()
        {
            var coreLibrary = typeof(FileStream).Assembly;
            var modeType = coreLibrary.GetType("System.IO.UnixFileMode");
            var optionsType = coreLibrary.GetType("System.IO.FileStreamOptions");
            if (modeType == null || optionsType == null || optionsType.GetProperty("UnixCreateMode") == null)
            {
                return null;
            }

            var modeProperty = typeof(FileSystemInfo).GetProperty("UnixFileMode");
            var createDirectory = typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), modeType });
            var streamWithOptions = typeof(FileStream).GetConstructor(new[] { typeof(string), optionsType });
            return modeProperty == null || createDirectory == null || streamWithOptions == null
                ? null
                : new UnixFileModes(modeType, modeProperty, createDirectory, optionsType, streamWithOptions);
        }
    }
}
