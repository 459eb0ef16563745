/* Stand-in for Leaflet in snapshot tests: the real library comes from Debian's libjs-leaflet. */
