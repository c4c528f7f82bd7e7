# The Debian package (.deb) of SockLab, made by CPack from the install() rules (app/CMakeLists.txt
# installs the binaries, manual pages, desktop entry, icons, AppStream metadata, MIME type and
# bash completion; this file adds the Debian documentation). scripts/package.sh builds it:
#   cpack --config build/release/CPackConfig.cmake -B build/release
# docs/packaging.md lists what goes where.

# cpack does not build first: `all` would be every test and benchmark. scripts/package.sh
# builds what the package holds (socklab, socklab-cli and the manual pages) before it runs cpack.
# (So `cmake --build . --target install` installs what is built, without building `all` first.)
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(SOCKLAB_PACKAGE_MAINTAINER "The SockLab developers <socklab@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package")
set(SOCKLAB_HOMEPAGE "https://github.com/socklab/socklab")

# The date of this version's entry in the AppStream releases (the metainfo is the one place a
# release is described), for the Debian changelog.
set(_metainfo ${PROJECT_SOURCE_DIR}/resources/io.github.socklab.socklab.metainfo.xml)
file(READ ${_metainfo} _metainfo_text)
if(_metainfo_text MATCHES "<release version=\"${PROJECT_VERSION}\" date=\"([0-9-]+)\"")
    set(SOCKLAB_RELEASE_DATE ${CMAKE_MATCH_1})
else()
    message(WARNING "${_metainfo} has no <release version=\"${PROJECT_VERSION}\" date=...>: add "
                    "one for the version in project() (the package test checks it)")
    string(TIMESTAMP SOCKLAB_RELEASE_DATE "%Y-%m-%d" UTC)
endif()
# RFC 5322 date of that day, as Debian changelogs have it ("Sun, 06 Dec 2026 00:00:00 +0000").
execute_process(COMMAND date -u -R -d "${SOCKLAB_RELEASE_DATE}"
    OUTPUT_VARIABLE SOCKLAB_RELEASE_DATE_RFC OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _date_rc)
if(NOT _date_rc EQUAL 0)
    message(FATAL_ERROR "date cannot read the release date ${SOCKLAB_RELEASE_DATE}")
endif()

# Debian documentation: the copyright (machine-readable, the MIT licence of LICENSE) and the
# changelog, compressed without name and time stamp (reproducible).
install(FILES ${PROJECT_SOURCE_DIR}/resources/debian/copyright DESTINATION share/doc/socklab)
configure_file(${PROJECT_SOURCE_DIR}/resources/debian/changelog.in
    ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/debian/changelog.gz
    COMMAND sh -c "gzip -9 -n -c \"$1\" > \"$2\"" sh ${PROJECT_BINARY_DIR}/debian/changelog
        ${PROJECT_BINARY_DIR}/debian/changelog.gz
    DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog VERBATIM)
add_custom_target(socklab_debian_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog.gz)
if(TARGET socklab_man_pages)
    add_dependencies(socklab_man_pages socklab_debian_changelog)
endif()
install(FILES ${PROJECT_BINARY_DIR}/debian/changelog.gz DESTINATION share/doc/socklab)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME socklab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The SockLab developers")
set(CPACK_PACKAGE_CONTACT "${SOCKLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${SOCKLAB_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop socket workbench: any socket, every byte shown")
# The extended description, wrapped below 80 columns (CPack indents it and turns empty lines
# into " .").
set(CPACK_PACKAGE_DESCRIPTION [=[
SockLab opens sockets of any family, type and protocol, chosen as the three
arguments of socket(), connects, listens or binds, and shows every byte sent
and received live in hex and text views, with the kernel's verdict on a
combination explained before it is opened.

TCP, UDP, Unix-domain, SEQPACKET, raw and ICMP sockets, multicast and
out-of-band data; rule-based responders and scripted sequences to emulate a
device; a relay that drops, duplicates, reorders, delays or corrupts traffic
between two programs; a TCP versus UDP lab on a private network of two hosts;
captures exported as pcapng and pcap files opened and replayed. The interface
is in English or Simplified Chinese.

The package holds the Qt GUI (socklab) and the command line tool (socklab-cli),
which offers the same engine in a terminal.]=])
string(STRIP "${CPACK_PACKAGE_DESCRIPTION}" CPACK_PACKAGE_DESCRIPTION)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# build/release/socklab_<version>_<arch>.deb
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR})

set(CPACK_DEBIAN_PACKAGE_NAME socklab)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SOCKLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${SOCKLAB_HOMEPAGE}")
find_program(SOCKLAB_DPKG dpkg)
if(SOCKLAB_DPKG)
    execute_process(COMMAND ${SOCKLAB_DPKG} --print-architecture
        OUTPUT_VARIABLE CPACK_DEBIAN_PACKAGE_ARCHITECTURE OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
# The shared libraries (Qt, libpcap, PCRE2, the C and C++ runtimes) by dpkg-shlibdeps, plus what
# no binary links: Qt's platform plugins (only Recommended by libqt6gui6, so absent after
# --no-install-recommends; without them the GUI cannot start) and a font with Chinese glyphs
# (the interface is also in Simplified Chinese, and received GBK/Big5 text is shown as such).
# The lab needs no tools: it makes its namespaces and TUN devices with system calls
# (core/netns), and writes its own uid/gid maps (no newuidmap).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-wqy-microhei | fonts-noto-cjk")
# SockLab's zh_CN texts and Qt's own (qtbase_zh_CN.qm, standard dialogs and buttons) are
# compiled into the binary: no translation package is needed.
# pcapng exports open in Wireshark; tshark reads them too.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "wireshark | tshark")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
