# Lectern with Nix: the alternative to the Debian route (README, "Nix"). Not run by CI (no Nix there).
#
#   nix build ./packaging#lectern     →  result/bin/lectern --demo
#   nix develop ./packaging           →  a shell with the build's tools and libraries (cmake -S . -B build …)
#
# The pinned nixpkgs revision has Qt 6.4, as Debian 12 does: QHttpServer's API changed after 6.4 (route handlers,
# afterRequest, missing handler, responder passing in 6.8), and app/core/server is written against 6.4's. A newer pin
# needs that code ported first. Keep the inputs in step with find_package / pkg_check_modules in CMakeLists.txt and
# with packaging/install-deps.sh.
{
  description = "Lectern: presenter console and live audience polls for technical meetups";

  # nixos-22.11 as of 2023-03-10 (Qt 6.4, poppler with its Qt 6 binding, GCC 12 available).
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/824f886682fc893e6dbf27114e5001ebf2770ea1";

  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.${system};
      qt6 = pkgs.qt6;
      # Debian 12 builds with GCC 12; the code is C++20.
      stdenv = pkgs.gcc12Stdenv;
      version = "0.1.0"; # project(Lectern VERSION …) in CMakeLists.txt

      # find_package(Qt6 … Core Gui Widgets Concurrent Network Sql HttpServer WebSockets Test LinguistTools
      # WebEngineWidgets) and pkg_check_modules(poppler-qt6, libqrencode, libqpdf), find_path(tl/expected.hpp).
      libraries = [
        qt6.qtbase # Core, Gui, Widgets, Concurrent, Network, Sql (with the SQLite driver), Test
        qt6.qthttpserver
        qt6.qtwebsockets
        qt6.qtwebengine
        qt6.qtsvg
        qt6.qtwayland
        pkgs.qt6Packages.poppler # poppler-qt6
        pkgs.qrencode
        pkgs.qpdf
        pkgs.tl-expected
      ];
      buildTools = [
        pkgs.cmake
        pkgs.ninja
        pkgs.pkg-config
        qt6.qttools # LinguistTools: lupdate, lrelease
        qt6.wrapQtAppsHook
      ];
    in
    {
      packages.${system} = rec {
        lectern = stdenv.mkDerivation {
          pname = "lectern";
          inherit version;
          src = ./..;

          nativeBuildInputs = buildTools;
          buildInputs = libraries;

          # The suite needs a browser, Xvfb and the Debian packaging tools; the Debian route runs it. Only the
          # binary and its installed files are built, and `ninja install` does not build the rest first.
          doCheck = false;
          ninjaFlags = [ "lectern" "lectern_package_files" ];
          cmakeFlags = [
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo"
            "-DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON"
          ]
          # The programs the tests' CMakeLists.txt look for (tests/ui, tests/restore, tests/web): named, never run.
          ++ map (program: "-D${program}=${pkgs.coreutils}/bin/false") [
            "LECTERN_XVFB_RUN"
            "LECTERN_XVFB"
            "LECTERN_XDOTOOL"
            "NODE_EXECUTABLE"
            "NPM_EXECUTABLE"
            "CHROMIUM_EXECUTABLE"
          ];
          # The time stamp of the outputs (man page date, resources, the .deb's): the commit's, as on Debian.
          preConfigure = ''
            export SOURCE_DATE_EPOCH=${toString (self.lastModified or 315532800)}
          '';

          # Fonts for the slides, the PDF exports and Japanese.
          qtWrapperArgs = [
            "--set-default FONTCONFIG_FILE ${pkgs.makeFontsConf { fontDirectories = [ pkgs.dejavu_fonts pkgs.noto-fonts-cjk ]; }}"
          ];

          meta = {
            description = "Presenter console and live audience polls for technical meetups";
            license = pkgs.lib.licenses.gpl3Plus;
            platforms = [ system ];
            mainProgram = "lectern";
          };
        };
        default = lectern;
      };

      devShells.${system}.default = pkgs.mkShell.override { inherit stdenv; } {
        packages = buildTools ++ libraries ++ [
          pkgs.ccache
          pkgs.poppler_utils # pdftotext for the export tests
          pkgs.xvfb-run
        ];
        # Qt's plug-ins (the SQLite driver, platforms) for programs run from the shell without the wrapper.
        shellHook = ''
          export QT_PLUGIN_PATH=${qt6.qtbase}/${qt6.qtbase.qtPluginPrefix}''${QT_PLUGIN_PATH:+:$QT_PLUGIN_PATH}
        '';
      };
    };
}
