# Authenticode signing of the built module, for build.ps1 -Task Sign and -Task Package -Sign.
# On Windows: Set-AuthenticodeSignature. On Linux and macOS: osslsigncode, which signs PE files and PowerShell script
# files (.psd1, .ps1xml) the way Windows checks them. Windows PowerShell 5.1 syntax only.
Set-StrictMode -Version 3.0

function Test-WindowsHost {
    return $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
}

<#
.SYNOPSIS
    The files of a built module that Windows checks under AllSigned and that we build, relative to the module folder.
    Third-party DLLs in Dependencies/ keep their publishers' signatures and are not listed.
#>
function Get-HyprSignedFile {
    return @(
        'HyprAuth.psd1'
        'HyprAuth.format.ps1xml'
        'HyprAuth.dll'
        'Dependencies/HyprAuth.Core.dll'
        'Dependencies/net8.0/HyprAuth.Core.dll'
        'Dependencies/net8.0/HyprAuth.Loader.dll'
    )
}

<#
.SYNOPSIS
    Signs Get-HyprSignedFile in -ModulePath with a code-signing certificate: a PFX file (-CertificatePath, with its
    password as a SecureString) or, on Windows, one from the certificate store (-CertificateThumbprint).
    -TimestampServer adds an RFC 3161 timestamp, so the signature outlives the certificate.
#>
function Invoke-HyprModuleSigning {
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [string] $CertificatePath,
        [System.Security.SecureString] $CertificatePassword,
        [string] $CertificateThumbprint,
        [string] $TimestampServer
    )
    if ([bool]$CertificatePath -eq [bool]$CertificateThumbprint) {
        throw 'Signing needs exactly one of -CertificatePath (a PFX file) or -CertificateThumbprint (Windows certificate store).'
    }
    if ($CertificatePath -and -not (Test-Path -LiteralPath $CertificatePath -PathType Leaf)) {
        throw "The certificate file '$CertificatePath' does not exist."
    }
    $files = @(Get-HyprSignedFile | ForEach-Object {
        $file = Join-Path $ModulePath $_
        if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { throw "Nothing to sign at '$file': build the module first." }
        (Resolve-Path -LiteralPath $file).Path
    })
    # PowerShell 7 loads the ReadyToRun copy of our engine where it matches the platform: it is ours to sign too.
    $readyToRun = Join-Path $ModulePath 'Dependencies/ReadyToRun'
    if (Test-Path -LiteralPath $readyToRun) {
        $files += @(Get-ChildItem -LiteralPath $readyToRun -Recurse -File |
            Where-Object { $_.Name -like 'HyprAuth.*.dll' } | ForEach-Object { $_.FullName })
    }

    if (Test-WindowsHost) {
        $certificate = Get-WindowsSigningCertificate -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword -CertificateThumbprint $CertificateThumbprint
        foreach ($file in $files) { Set-WindowsSignature -File $file -Certificate $certificate -TimestampServer $TimestampServer }
    }
    else {
        if ($CertificateThumbprint) { throw '-CertificateThumbprint reads the Windows certificate store; on Linux and macOS use -CertificatePath with a PFX file.' }
        $osslsigncode = Get-Osslsigncode
        foreach ($file in $files) {
            Invoke-OsslsigncodeSign -Osslsigncode $osslsigncode -File $file -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword -TimestampServer $TimestampServer
        }
    }
}

function Get-Osslsigncode {
    $command = Get-Command osslsigncode -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        throw ('osslsigncode is not installed; it signs the module on Linux and macOS. Install it with ' +
            '"sudo apt-get install osslsigncode" (Debian, Ubuntu) or "brew install osslsigncode" (macOS); version 2.9 is tested.')
    }
    return $command.Source
}

function Invoke-OsslsigncodeSign([string] $Osslsigncode, [string] $File, [string] $CertificatePath, [System.Security.SecureString] $CertificatePassword, [string] $TimestampServer) {
    # osslsigncode writes a new file; the password goes through a file only we can read, never the command line,
    # where any user could see it in the process list.
    $work = New-PrivateTempFolder
    try {
        $passwordFile = Join-Path $work 'password'
        Write-PasswordFile -Path $passwordFile -Password $CertificatePassword
        $signed = Join-Path $work ('signed' + [System.IO.Path]::GetExtension($File))
        $arguments = @('sign', '-pkcs12', $CertificatePath, '-readpass', $passwordFile, '-h', 'sha256', '-n', 'HyprAuth')
        if ($TimestampServer) { $arguments += @('-ts', $TimestampServer) }
        $arguments += @('-in', $File, '-out', $signed)
        $output = & $Osslsigncode @arguments 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "osslsigncode could not sign '$File' (exit code $LASTEXITCODE; $(& $Osslsigncode --version 2>&1 | Select-Object -First 1)):`n$($output -join "`n")"
        }
        Copy-Item -LiteralPath $signed -Destination $File -Force
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function New-PrivateTempFolder {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-sign-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    if (-not (Test-WindowsHost)) { & chmod 700 $path }
    return $path
}

function Write-PasswordFile([string] $Path, [System.Security.SecureString] $Password) {
    # Created empty and owner-only first, then filled, so the password is never in a file others can read.
    [System.IO.File]::WriteAllBytes($Path, [byte[]]@())
    & chmod 600 $Path
    if ($null -eq $Password) { return }
    $plain = [System.Net.NetworkCredential]::new('', $Password).Password
    [System.IO.File]::WriteAllText($Path, $plain, (New-Object System.Text.UTF8Encoding($false)))
}

function Get-WindowsSigningCertificate([string] $CertificatePath, [System.Security.SecureString] $CertificatePassword, [string] $CertificateThumbprint) {
    if ($CertificatePath) {
        # A persisted (default) key set: Authenticode signing goes through CryptoAPI, which cannot use an ephemeral key.
        $flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::DefaultKeySet
        if ($null -eq $CertificatePassword) { $CertificatePassword = New-Object System.Security.SecureString }
        $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList @((Resolve-Path -LiteralPath $CertificatePath).Path, $CertificatePassword, $flags)
    }
    else {
        $thumbprint = $CertificateThumbprint -replace '\s', ''
        $certificate = @('Cert:\CurrentUser\My', 'Cert:\LocalMachine\My') |
            ForEach-Object { Get-ChildItem -Path $_ -CodeSigningCert -ErrorAction SilentlyContinue } |
            Where-Object { $_.Thumbprint -eq $thumbprint } |
            Select-Object -First 1
        if ($null -eq $certificate) {
            throw "No code-signing certificate with thumbprint $thumbprint and a private key is in Cert:\CurrentUser\My or Cert:\LocalMachine\My."
        }
    }
    if (-not $certificate.HasPrivateKey) { throw "The certificate $($certificate.Thumbprint) has no private key; it cannot sign." }
    return $certificate
}

function Set-WindowsSignature([string] $File, $Certificate, [string] $TimestampServer) {
    $parameters = @{ FilePath = $File; Certificate = $Certificate; HashAlgorithm = 'SHA256'; IncludeChain = 'NotRoot' }
    if ($TimestampServer) { $parameters.TimestampServer = $TimestampServer }
    $signature = Set-AuthenticodeSignature @parameters
    if ($null -eq $signature.SignerCertificate) {
        throw "Set-AuthenticodeSignature did not sign '$File': $($signature.Status) $($signature.StatusMessage)"
    }
    if ($signature.Status -ne 'Valid') {
        # Signed, but this computer does not trust the certificate's root (a test certificate, for instance).
        Write-Warning "Signed '$File', but this computer does not trust the signature yet: $($signature.StatusMessage)"
    }
}

Export-ModuleMember -Function Get-HyprSignedFile, Invoke-HyprModuleSigning
