using System;
using System.IO;
using System.Security;
using System.Text;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>Reads a key file: any accepted text form (UTF-8, or UTF-16 with a BOM as Windows PowerShell writes), or raw DER.</summary>
internal static class KeyFile
{
    /// <summary>Key files are a few hundred bytes; anything this large is the wrong file.</summary>
    private const int MaximumBytes = 64 * 1024;

    public static DecodedKey Read(string path, string noun, out string subject)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new HyprArgumentException("KeyPath", "A key file path is required.");
        }

        subject = $"{noun} in file '{path}'";
        var bytes = ReadBytes(path);
        try
        {
            if (bytes.Length == 0)
            {
                throw new HyprKeyException(KeyErrorReason.Empty, $"The key file '{path}' is empty.");
            }

            if (KeyDerDecoder.StartsLikeDer(bytes))
            {
                return KeyDerDecoder.Decode(bytes, subject);
            }

            var text = ToText(bytes);
            try
            {
                return KeyTextDecoder.Decode(text, 0, text.Length, subject);
            }
            finally
            {
                Array.Clear(text, 0, text.Length);
            }
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
        }
    }

    /// <summary>Decodes by the byte order mark (UTF-16 LE or BE, UTF-8); text without one is UTF-8.</summary>
    private static char[] ToText(byte[] bytes)
    {
        var (encoding, bom) = bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? (Encoding.Unicode, 2)
            : bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? (Encoding.BigEndianUnicode, 2)
            : bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? (Encoding.UTF8, 3)
            : (Encoding.UTF8, 0);
        return encoding.GetChars(bytes, bom, bytes.Length - bom);
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaximumBytes)
            {
                throw new HyprKeyException(
                    KeyErrorReason.MalformedKey,
                    $"The key file '{path}' is {stream.Length} bytes; a key file is at most a few kilobytes. Check the path.");
            }

            var bytes = new byte[stream.Length];
            var read = 0;
            int count;
            while (read < bytes.Length && (count = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += count;
            }

            if (read != bytes.Length)
            {
                Array.Clear(bytes, 0, bytes.Length);
                throw Unreadable(path, "it changed while being read");
            }

            return bytes;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HyprKeyException(KeyErrorReason.FileNotFound, $"The key file '{path}' does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            throw Unreadable(path, "access is denied, or it is a directory");
        }
        catch (IOException exception)
        {
            throw Unreadable(path, exception.Message);
        }
        catch (Exception exception) when (exception is ArgumentException || exception is NotSupportedException || exception is SecurityException)
        {
            throw Unreadable(path, "the path is not valid or not allowed");
        }
    }

    private static HyprKeyException Unreadable(string path, string why) =>
        new HyprKeyException(KeyErrorReason.FileUnreadable, $"The key file '{path}' cannot be read: {why}.");
}
