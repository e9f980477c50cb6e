# What only a Windows machine can prove, run by the Windows CI jobs (tag Windows; left out elsewhere, never counted):
# - a build signed with a throwaway certificate that this machine is made to trust imports under AllSigned and runs
#   the flow, while the unsigned build is refused, in PowerShell 7 and in Windows PowerShell 5.1;
# - Windows PowerShell 5.1 imports the module and runs the flow, also after another module has loaded
#   Microsoft.IdentityModel 7.x.
# Windows PowerShell 5.1 runs as a child (powershell.exe, Invoke-HyprFlowChild -Edition Desktop; tag WindowsPowerShell,
# which the Windows PowerShell 5.1 CI job runs); Pester itself runs in PowerShell 7.
# Stored CNG keys are in ClientKeyStore.Tests.ps1, the DPAPI token cache in PersistentCache.Tests.ps1, the owner-only
# -OutFile ACL in Adversarial.Tests.ps1.
BeforeDiscovery {
    $script:onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
}

Describe 'On Windows' -Tag Windows -Skip:(-not $onWindows) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $script:emulator = Start-TestEmulator
        $script:built = Split-Path -Parent (Get-HyprModuleManifest)
        # The child reports a refused import instead of failing, so a test can expect the refusal.
        function Invoke-Flow([string] $Manifest, [string] $Edition = 'Core', [string] $Policy, [string] $Preload) {
            $client = New-EmulatorClient $emulator
            $environment = @{ HYPRAUTH_TEST_POLICY = $Policy; HYPRAUTH_TEST_PRELOAD = $Preload }
            $result = Invoke-HyprFlowChild -Emulator $emulator -Client $client -Manifest $Manifest -Edition $Edition -Environment $environment `
                -Script @'
$result = [ordered]@{ Edition = $PSVersionTable.PSEdition; Imported = $false; Flow = $null; Error = $null; Preloaded = $null }
try {
    if ($env:HYPRAUTH_TEST_PRELOAD) {
        # Another module's Microsoft.IdentityModel 7.x, loaded first, as Az.Accounts or Microsoft.Graph would.
        foreach ($path in $env:HYPRAUTH_TEST_PRELOAD -split ';') { [void][System.Reflection.Assembly]::LoadFrom($path) }
        $tokens = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.IdentityModel.Tokens' }
        $result.Preloaded = @($tokens | ForEach-Object { $_.GetName().Version.ToString() }) -join ', '
    }
    if ($env:HYPRAUTH_TEST_POLICY) { Set-ExecutionPolicy -Scope Process -ExecutionPolicy $env:HYPRAUTH_TEST_POLICY -Force }
    Import-Module $env:HYPRAUTH_TEST_MANIFEST
    $result.Imported = $true
    $result.Flow = Invoke-HyprFlow
}
catch { $result.Error = $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }
$result | ConvertTo-Json -Compress -Depth 5
'@
            return [pscustomobject]@{ Result = $result; ClientId = $client.clientId }
        }

        function Assert-Flow($Run, [string] $Edition) {
            $Run.Result.Error | Should -BeNullOrEmpty
            $Run.Result.Edition | Should -Be $Edition
            $Run.Result.Flow.AssertionClientId | Should -Be $Run.ClientId
            $Run.Result.Flow.TokenClientId | Should -Be $Run.ClientId
            $Run.Result.Flow.RpAppId | Should -Be 'HYPRDefaultApplication'
            # The format file loaded: the token's default view is the module's own.
            $Run.Result.Flow.TokenView | Should -Match 'ExpiresIn'
        }

        function Assert-Refused($Run) {
            $Run.Result.Imported | Should -BeFalse
            $Run.Result.Error | Should -Match 'UnauthorizedAccess|not digitally signed'
        }
    }

    AfterAll {
        Stop-HyprEmulator $emulator
    }

    Context 'AllSigned' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'SigningCertificate.psm1') -Force
            Import-Module (Join-Path $PSScriptRoot '../build/Signing.psm1') -Force
            $script:certificate = New-TestCodeSigningCertificate -Folder $TestDrive
            # The job trusts the throwaway CA and publisher for the duration of this context only.
            $script:trusted = @(
                Import-Certificate -FilePath $certificate.CaCerPath -CertStoreLocation Cert:\LocalMachine\Root
                Import-Certificate -FilePath $certificate.SignerCerPath -CertStoreLocation Cert:\LocalMachine\TrustedPublisher
            )
            $script:signedDir = Join-Path $TestDrive "signed\HyprAuth\$(Split-Path -Leaf $built)"
            New-Item -ItemType Directory -Path (Split-Path -Parent $signedDir) | Out-Null
            Copy-Item -LiteralPath $built -Destination $signedDir -Recurse
            Invoke-HyprModuleSigning -ModulePath $signedDir -CertificatePath $certificate.PfxPath -CertificatePassword $certificate.Password
        }

        AfterAll {
            foreach ($store in 'Root', 'TrustedPublisher') {
                Get-ChildItem "Cert:\LocalMachine\$store" | Where-Object { $trusted.Thumbprint -contains $_.Thumbprint } | Remove-Item
            }
        }

        It 'signs every file Windows checks with a valid signature' {
            foreach ($file in Get-HyprSignedFile) {
                (Get-AuthenticodeSignature -LiteralPath (Join-Path $signedDir $file)).Status | Should -Be 'Valid' -Because $file
            }
        }

        It 'imports the signed build under AllSigned and runs the flow (PowerShell 7)' {
            Assert-Flow (Invoke-Flow -Manifest (Join-Path $signedDir 'HyprAuth.psd1') -Policy AllSigned) -Edition Core
        }

        It 'imports the signed build under AllSigned and runs the flow (Windows PowerShell 5.1)' -Tag WindowsPowerShell {
            Assert-Flow (Invoke-Flow -Manifest (Join-Path $signedDir 'HyprAuth.psd1') -Policy AllSigned -Edition Desktop) -Edition Desktop
        }

        It 'refuses the unsigned build under AllSigned (PowerShell 7)' {
            Assert-Refused (Invoke-Flow -Manifest (Get-HyprModuleManifest) -Policy AllSigned)
        }

        It 'refuses the unsigned build under AllSigned (Windows PowerShell 5.1)' -Tag WindowsPowerShell {
            Assert-Refused (Invoke-Flow -Manifest (Get-HyprModuleManifest) -Policy AllSigned -Edition Desktop)
        }
    }

    Context 'Windows PowerShell 5.1' -Tag WindowsPowerShell {
        It 'imports the module and runs the whole flow' {
            Assert-Flow (Invoke-Flow -Manifest (Get-HyprModuleManifest) -Edition Desktop) -Edition Desktop
        }

        It 'imports and runs the flow after another module loaded Microsoft.IdentityModel 7.7.1' {
            $packages = $env:HYPRAUTH_NUGET_PACKAGES
            # tests/tools/TestPackages.proj restores them.
            $preload = @('Microsoft.IdentityModel.Abstractions', 'Microsoft.IdentityModel.Logging', 'Microsoft.IdentityModel.Tokens') |
                ForEach-Object {
                Join-Path $packages "$($_.ToLowerInvariant())\7.7.1\lib\net472\$_.dll"
            }
            $preload | ForEach-Object { $_ | Should -Exist }
            $run = Invoke-Flow -Manifest (Get-HyprModuleManifest) -Edition Desktop -Preload ($preload -join ';')
            $run.Result.Preloaded | Should -Match '^7\.7\.1'
            Assert-Flow $run -Edition Desktop
        }
    }
}
